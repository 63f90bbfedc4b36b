package dev.shmkit.job;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copy mode streams a version's file through a file descriptor, not a mapping: while it holds the
 * version ({@link StreamedInput#hold()}) the version is mapped, so republishing cannot recycle its file
 * and the stream reads the bytes of the version the job was given.
 */
@ExtendWith(SpaceDirExtension.class)
class TableCopyHoldTest {
    private static Table table(double v) {
        double[] x = new double[100_000];
        java.util.Arrays.fill(x, v);
        return Table.create("t", DoubleColumn.create("x", x));
    }

    @Test
    void shouldKeepTheStreamedVersionFromBeingRecycled(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            SegmentId v1;
            try (SharedTable t = space.publish("big", table(1))) {
                v1 = t.id();
            }
            TableCopy copy = new TableCopy(new RowRange(0, 100_000), v1, null, 0);
            byte[] before;
            try (StreamedInput.Hold hold = copy.hold()) {
                Path file = Path.of(copy.streamFile());
                before = Files.readAllBytes(file);
                assertTrue(ProcResources.mappedFilesUnder(ProcResources.self(), spaceDir).stream()
                        .anyMatch(l -> l.contains(file.getFileName().toString())), "held = mapped, as /proc/self/maps shows");
                for (int i = 2; i <= 4; i++) {
                    space.publish("big", table(i)).close(); // v1 retired while held; the others recycle each other
                }
                Path now = Path.of(copy.streamFile());
                assertTrue(now.getParent().endsWith(".retired"), now.toString());
                assertArrayEquals(before, Files.readAllBytes(now), "still v1's bytes");
            }
            assertEquals(0, ProcResources.mappedFilesUnder(ProcResources.self(), spaceDir).stream()
                    .filter(l -> l.contains("big.v1.")).count(), "released: unmapped");
        }
    }
}
