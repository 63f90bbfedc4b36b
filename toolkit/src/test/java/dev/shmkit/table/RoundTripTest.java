package dev.shmkit.table;

import dev.shmkit.memory.DevicePages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {
    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;

    @ParameterizedTest(name = "rows={0} nulls={1}")
    @CsvSource({"0,NONE", "1,NONE", "1,ALL", "1,SOME", "2,SOME", "100,NONE", "100,SOME", "100,ALL", "1000,SOME", "120000,SOME"})  // the last is over the parallel-copy threshold
    void shouldRoundTripEveryTypeThroughViewsAndCopies(int rows, TestTables.Nulls nulls) throws Exception {
        Table t = TestTables.allTypes(rows, nulls, rows * 31L + nulls.ordinal());
        Path file = dir.resolve("t.arrow");
        long written = ArrowTableWriter.write(t, file, Map.of("owner", "test"));
        assertEquals(Files.size(file), written);
        try (SharedTable st = SharedTable.open(file)) {
            assertEquals(rows, st.rowCount());
            assertEquals(t.columnNames(), st.columnNames());
            assertEquals("1", st.metadata().get("shmkit.format"));
            assertEquals("test", st.metadata().get("owner"));
            for (Column<?> c : t.columns()) {
                assertEquals(c.type(), st.columnType(c.name()), c.name());
                ColumnView v = st.anyColumn(c.name());
                assertSameValues(c, v, 0);
            }
            Table copy = st.copyToTable();
            assertEquals("t.arrow (copy)", copy.name());
            assertTablesEqual(t, copy, 0);
        }
    }

    @ParameterizedTest(name = "rows={0}")
    @CsvSource({"30000", "400000"}) // one thread through the mapping; several (over MappedWrites.PARALLEL_MIN_BYTES)
    void shouldWriteTheSameBytesThroughTheMappingAsWithPositionalWrites(int rows) throws Exception {
        Table t = TestTables.allTypes(rows, TestTables.Nulls.SOME, 11);
        Map<String, String> meta = Map.of("owner", "test");
        FilePlan plan = ArrowTableWriter.plan(t.columns(), meta, ArrowFileDescriptor.FORMAT_VERSION);
        Path staged = dir.resolve("staged.arrow");
        try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            plan.writeTo(ch);
        }
        Path mapped = dir.resolve("mapped.arrow");
        assertEquals(plan.totalLength(), ArrowTableWriter.write(ArrowTableWriter.plan(t.columns(), meta,
                ArrowFileDescriptor.FORMAT_VERSION), mapped, DevicePages.of(dir)));
        assertEquals(Files.size(staged), Files.size(mapped), "cut to the exact length after unmapping");
        assertEquals(-1, Files.mismatch(staged, mapped), "first differing byte");
        assertFalse(Files.readString(Path.of("/proc/self/maps")).contains(mapped.toString()), "unmapped once written");
    }

    @Test
    void shouldSliceWithoutCopyingAndKeepRowNumbersRelative() {
        Table t = TestTables.allTypes(500, TestTables.Nulls.SOME, 7);
        Path file = dir.resolve("s.arrow");
        ArrowTableWriter.write(t, file);
        try (SharedTable st = SharedTable.open(file)) {
            SharedTable slice = st.slice(101, 333);
            assertEquals(232, slice.rowCount());
            assertEquals(st.mappedBytes(), slice.mappedBytes());
            for (Column<?> c : t.columns()) {
                assertSameValues(c, slice.anyColumn(c.name()), 101);
            }
            assertTablesEqual(t, slice.copyToTable(), 101);
            assertTablesEqual(t, st.copyToTable(101, 333), 101);
            assertEquals(t.doubleColumn("d").inRange(101, 333).sum(), slice.doubleColumn("d").sum(), 1e-3);
            slice.close(); // slices do not own the mapping
            assertEquals(t.intColumn("i").getInt(0), st.intColumn("i").get(0));
        }
    }

    static void assertSameValues(Column<?> expected, ColumnView view, int offset) {
        for (int r = 0; r < view.size(); r++) {
            boolean missing = expected.isMissing(r + offset);
            assertEquals(missing, view.isMissing(r), expected.name() + " row " + r);
            if (!missing) {
                assertEquals(expected.get(r + offset), boxed(view, r), expected.name() + " row " + r);
            }
        }
    }

    static Object boxed(ColumnView v, int r) {
        if (v instanceof DoubleColumnView d) {
            return d.get(r);
        } else if (v instanceof FloatColumnView f) {
            return f.get(r);
        } else if (v instanceof IntColumnView i) {
            return i.get(r);
        } else if (v instanceof ShortColumnView s) {
            return s.get(r);
        } else if (v instanceof LongColumnView l) {
            return l.get(r);
        } else if (v instanceof BooleanColumnView b) {
            return b.get(r);
        } else if (v instanceof StringColumnView s) {
            return s.get(r);
        } else if (v instanceof DateColumnView d) {
            return d.get(r);
        } else if (v instanceof TimeColumnView t) {
            return t.get(r);
        } else if (v instanceof DateTimeColumnView t) {
            return t.get(r);
        }
        return ((InstantColumnView) v).get(r);
    }

    static void assertTablesEqual(Table expected, Table copy, int offset) {
        assertEquals(expected.columnNames(), copy.columnNames());
        for (Column<?> c : copy.columns()) {
            Column<?> e = expected.column(c.name());
            assertEquals(e.type(), c.type(), c.name());
            for (int r = 0; r < c.size(); r++) {
                assertEquals(e.isMissing(r + offset), c.isMissing(r), c.name() + " row " + r);
                assertEquals(e.get(r + offset), c.get(r), c.name() + " row " + r);
            }
        }
        assertTrue(copy.rowCount() <= expected.rowCount());
    }

    @Test
    void shouldReportTablesawTypes() {
        Table t = TestTables.allTypes(3, TestTables.Nulls.NONE, 1);
        Path file = dir.resolve("types.arrow");
        ArrowTableWriter.write(t, file);
        try (SharedTable st = SharedTable.open(file)) {
            assertEquals(ColumnType.STRING, st.columnType("s"));
            assertEquals(ColumnType.INSTANT, st.columnType("in"));
            assertEquals(ColumnType.LOCAL_DATE_TIME, st.columnType("dt"));
            assertEquals(11, st.columnCount());
        }
    }
}
