package dev.shmkit.table;

import dev.shmkit.SegmentFormatException;
import dev.shmkit.ShmkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 8: duplicate column names are refused when publishing and when opening, not later in copyToTable. */
class DuplicateColumnNamesTest {
    @TempDir
    Path dir;

    private static Table duplicated() {
        Table t = Table.create("dup", DoubleColumn.create("a", new double[] {1, 2}), DoubleColumn.create("b", new double[] {3, 4}));
        t.column("b").setName("a");
        return t;
    }

    @Test
    void shouldRefuseToWriteATableWithARepeatedName() {
        Path file = dir.resolve("dup.arrow");
        ShmkitException e = assertThrows(ShmkitException.class, () -> ArrowTableWriter.write(duplicated(), file));
        assertTrue(e.getMessage().contains("table 'dup': column name 'a' appears twice (columns 0 and 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("rename one"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void shouldRefuseToOpenAFileWithARepeatedName() {
        Path file = dir.resolve("foreign.arrow");
        ArrowTableWriter.write(duplicated(), file, Map.of(), ArrowFileDescriptor.FORMAT_VERSION);
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedTable.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("column name 'a' appears twice (columns 0 and 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("rename one before writing"), e.getMessage());
    }
}
