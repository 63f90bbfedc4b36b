package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class OutputTableTest {
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).filter(n -> !n.equals(".lock")).sorted().toList();
        }
    }

    @Test
    void shouldLayOutAnArrowFileThatReadsBackOnceWrittenAndSealed(Path dir) throws IOException {
        OutputSchema schema = OutputSchema.create().doubleColumn("y").longColumn("n").intColumn("i").floatColumn("f").shortColumn("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             OutputTable out = space.createTable("out", schema, 1000)) {
            assertTrue(space.list().isEmpty(), "a draft table is not listed");
            try (OutputRows all = out.writer()) {
                for (int r = 0; r < 1000; r++) {
                    all.column("y").setDouble(r, r * 0.5);
                    all.column("n").setLong(r, -r * 1_000_000_000L);
                    all.column("i").setInt(r, -r);
                    all.column("f").setFloat(r, r + 0.25f);
                    all.column("s").setShort(r, (short) (r % 100));
                }
                all.column("y").putDoubles(10, new double[] {7, 8}, 0, 2);
                OutputRows mine = all.restrict(100, 200);
                ShmkitException outside = assertThrows(ShmkitException.class, () -> mine.column("y").setDouble(200, 1));
                assertTrue(outside.getMessage().contains("outside this task's rows [100, 200)"), outside.getMessage());
                ShmkitException type = assertThrows(ShmkitException.class, () -> mine.column("y").setLong(150, 1));
                assertTrue(type.getMessage().contains("is double, not long"), type.getMessage());
            }
            var id = out.seal();
            assertEquals("out.v1", id.toString());
            try (SharedTable t = space.table("out")) {
                assertEquals(1000, t.rowCount());
                assertEquals(5, t.columnCount());
                assertEquals(499.5, t.doubleColumn("y").get(999));
                assertEquals(8.0, t.doubleColumn("y").get(11));
                assertEquals(-999_000_000_000L, t.longColumn("n").get(999));
                assertEquals(-999, t.intColumn("i").get(999));
                assertEquals(999.25f, t.floatColumn("f").get(999));
                assertEquals((short) 99, t.shortColumn("s").get(999));
                assertEquals(1000, t.copyToTable().rowCount());
            }
            assertEquals("table", space.list().get(0).valueType());
        }
        assertTrue(files(dir).isEmpty(), "the space gave the sealed output back: " + files(dir));
    }

    @Test
    void shouldRefuseStringsWithWhatIsSupported() {
        ShmkitException e = assertThrows(ShmkitException.class, () -> OutputSchema.create().column("name", String.class));
        assertTrue(e.getMessage().contains("type=java.lang.String is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("double, long, int, float, short"), e.getMessage());
        assertThrows(ShmkitException.class, () -> OutputSchema.create().doubleColumn("y").longColumn("y"));
    }

    @Test
    void shouldRemoveTheDraftOnAbortAndWithTheSpace(Path dir) throws IOException {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            OutputTable a = space.createTable("a", OutputSchema.create().doubleColumn("y"), 10);
            space.createTable("b", OutputSchema.create().doubleColumn("y"), 10);
            assertEquals(2, files(dir).size(), files(dir).toString());
            a.abort();
            assertEquals(1, files(dir).size(), files(dir).toString());
            assertThrows(ShmkitException.class, a::writer);
        }
        assertTrue(files(dir).isEmpty(), "closing the space aborted the other draft: " + files(dir));
    }
}
