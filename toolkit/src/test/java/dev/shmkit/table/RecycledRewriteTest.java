package dev.shmkit.table;

import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two publish optimisations together: a table whose only missing value is in its last row is
 * planned without a bitmap, copied, found to have one, planned again and rewritten — into a recycled
 * spare file of another length, which is neither truncated to zero first nor left with stale bytes.
 */
@ExtendWith(SpaceDirExtension.class)
class RecycledRewriteTest {
    private static final int ROWS = 300_000;

    private static Table table(int rows, boolean lastMissing) {
        double[] x = IntStream.range(0, rows).mapToDouble(i -> i * 0.25).toArray();
        double[] y = IntStream.range(0, rows).mapToDouble(i -> rows - i).toArray();
        if (lastMissing) {
            y[rows - 1] = Double.NaN;
        }
        return Table.create("t", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
    }

    private static long ino(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    @Test
    void shouldRewriteATableWithALateMissingValueIntoASmallerOrLargerSpareByteForByte(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        boolean recycles = !dev.shmkit.memory.DevicePages.of(store.directory()).huge();
        Table first = table(ROWS, false);
        store.publish("t", SegmentKind.TABLE, tmp -> ArrowTableWriter.write(first, tmp));
        for (int rows : new int[] {ROWS / 2, ROWS * 2}) {
            long before = ino(store.current("t").orElseThrow().path());
            store.publish("t", SegmentKind.TABLE, tmp -> ArrowTableWriter.write(first, tmp)); // `before` becomes the spare
            Table late = table(rows, true);
            SegmentFile written = store.publish("t", SegmentKind.TABLE, tmp -> ArrowTableWriter.write(late, tmp));
            if (recycles) {
                assertEquals(before, ino(written.path()), "rows=" + rows + ": written into the spare");
            }
            Path fresh = dir.resolve("fresh-" + rows + ".arrow");
            ArrowTableWriter.write(late, fresh);
            assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(written.path()), "rows=" + rows);
            try (SharedTable view = SharedTable.open(written.path())) {
                assertEquals(1, view.doubleColumn("y").countMissing(), "rows=" + rows);
                assertEquals(late.doubleColumn("x").sum(), view.doubleColumn("x").sum(), "rows=" + rows);
            }
            Files.delete(fresh);
        }
        store.remove("t");
        assertEquals(0, store.spareBytes(), "remove gives the spare back");
    }
}
