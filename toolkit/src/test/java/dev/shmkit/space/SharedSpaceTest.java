package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.InvalidNameException;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class SharedSpaceTest {

    static Table sample(double base) {
        return Table.create("t",
                DoubleColumn.create("x", base, base + 1, base + 2),
                IntColumn.create("n", 1, 2, 3),
                StringColumn.create("s", "a", "b", "a"));
    }

    static List<String> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> SegmentFile.parse(p) != null).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldHoldExactlyThePublishedSegmentsAndNothingAfterClose(Path dir) throws IOException {
        Path spaceDir = dir.resolve("s");
        SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
        assertEquals(List.of(), segmentFiles(spaceDir));
        space.publish("big", sample(0));
        space.put("cfg", Map.of("k", 1));
        List<String> during = segmentFiles(spaceDir);
        assertEquals(2, during.size(), during.toString());
        assertTrue(during.get(0).startsWith("big.v1.p" + ProcessHandle.current().pid() + ".arrow"), during.toString());
        assertTrue(during.get(1).startsWith("cfg.v1.p"), during.toString());
        space.close();
        space.close(); // idempotent
        assertEquals(List.of(), segmentFiles(spaceDir));
        assertThrows(ShmkitException.class, () -> space.table("big"));
    }

    @Test
    void shouldReadPublishedTableThroughAView(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            space.publish("big", sample(10));
            SharedTable t = space.table("big");
            assertEquals(3, t.rowCount());
            assertEquals(33.0, t.doubleColumn("x").sum(), 0.0);
            assertEquals("b", t.stringColumn("s").get(1));
        }
    }

    @Test
    void shouldKeepOldViewReadingWhenRepublished(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            SharedTable v1 = space.publish("big", sample(0));
            Path v1Path = v1.path();
            space.publish("big", sample(100));
            assertFalse(Files.exists(v1Path), "old version unlinked");
            assertEquals(3.0, v1.doubleColumn("x").sum(), 0.0, "a reader of v1 keeps reading v1");
            assertEquals(303.0, space.table("big").doubleColumn("x").sum(), 0.0);
            assertEquals(2, space.entry("big").orElseThrow().version());
        }
    }

    @Test
    void shouldCacheObjectCopiesPerVersion(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            Map<String, Integer> m = new HashMap<>(Map.of("a", 1));
            space.put("m", m);
            @SuppressWarnings("unchecked") Map<String, Integer> g1 = space.get("m", Map.class);
            assertEquals(m, g1);
            assertNotSame(m, g1, "get returns a copy");
            assertSame(g1, space.get("m", Map.class), "cached per version");
            space.put("m", Map.of("a", 2));
            assertEquals(Map.of("a", 2), space.get("m", Map.class));
        }
    }

    @Test
    void shouldReadLargeArraysInsideObjectsZeroCopy(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            double[] w = new double[300_000]; // 2.4 MB: stored out-of-band
            for (int i = 0; i < w.length; i++) {
                w[i] = i * 0.5;
            }
            space.put("model", Map.of("w", w));
            assertEquals(w[299_999], space.doubles("model", "[w]").get(299_999), 0.0);
            assertEquals(w.length, space.doubles("model", "[w]").length());
        }
    }

    @Test
    void shouldListEntries(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            space.publish("big", sample(0));
            space.put("cfg", List.of(1, 2));
            List<SpaceEntry> entries = space.list();
            assertEquals(2, entries.size());
            SpaceEntry big = entries.get(0);
            assertEquals("big", big.name());
            assertEquals(SegmentKind.TABLE, big.kind());
            assertEquals(3, big.rows());
            assertEquals(3, big.columns());
            assertEquals(ProcessHandle.current().pid(), big.publisherPid());
            assertTrue(big.publisherAlive());
            assertTrue(big.bytes() > 0);
            SpaceEntry cfg = entries.get(1);
            assertEquals(SegmentKind.OBJECT, cfg.kind());
            assertEquals(-1, cfg.rows());
        }
    }

    @Test
    void shouldExplainMissingAndMistypedEntries(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            space.publish("big", sample(0));
            space.put("cfg", List.of(1));
            SegmentNotFoundException e = assertThrows(SegmentNotFoundException.class, () -> space.table("bgi"));
            assertTrue(e.getMessage().contains("no entry 'bgi'") && e.getMessage().contains("big (table)"), e.getMessage());
            ShmkitException wrongKind = assertThrows(ShmkitException.class, () -> space.table("cfg"));
            assertTrue(wrongKind.getMessage().contains("is an object, not a table"),
                    wrongKind.getMessage());
            assertThrows(InvalidNameException.class, () -> space.publish("../etc", sample(0)));
            ShmkitException wrongType = assertThrows(ShmkitException.class, () -> space.get("cfg", String.class));
            assertTrue(wrongType.getMessage().contains("String"), wrongType.getMessage());
        }
    }

    @Test
    void shouldRemoveEntries(Path dir) throws IOException {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", sample(0));
            assertTrue(space.remove("big"));
            assertFalse(space.remove("big"));
            assertEquals(List.of(), segmentFiles(spaceDir));
            assertThrows(SegmentNotFoundException.class, () -> space.table("big"));
        }
    }
}
