package dev.shmkit.table;

import dev.shmkit.SegmentFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.times.PackedLocalTime;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyArrowInteropTest {
    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;

    @Test
    void shouldBeReadByPyarrowWithIdenticalValues() throws Exception {
        Table t = TestTables.allTypes(60, TestTables.Nulls.SOME, 99);
        Path file = dir.resolve("from_java.arrow");
        ArrowTableWriter.write(t, file, Map.of("origin", "shmkit"));
        List<String> lines = Python.run("read_arrow.py", dir, file.toString());
        assertEquals("meta\torigin=shmkit\tshmkit.format=1", lines.get(0));
        Map<String, String> types = Map.ofEntries(Map.entry("d", "double"), Map.entry("f", "float"),
                Map.entry("i", "int32"), Map.entry("sh", "int16"), Map.entry("l", "int64"), Map.entry("b", "bool"),
                Map.entry("s", "dictionary<values=string, indices=int32, ordered=0>"), Map.entry("date", "date32[day]"),
                Map.entry("time", "time32[ms]"), Map.entry("dt", "timestamp[ms]"), Map.entry("in", "timestamp[ms, tz=UTC]"));
        for (int c = 0; c < t.columnCount(); c++) {
            Column<?> col = t.column(c);
            List<String> expected = new ArrayList<>(List.of(col.name(), types.get(col.name())));
            for (int r = 0; r < col.size(); r++) {
                expected.add(token(col, r));
            }
            assertEquals(String.join("\t", expected), lines.get(c + 1), col.name());
        }
    }

    private static String token(Column<?> col, int r) {
        if (col.isMissing(r)) {
            return "null";
        }
        Object v = col.get(r);
        if (v instanceof Double d) {
            return "f" + Double.doubleToRawLongBits(d);
        } else if (v instanceof Float f) {
            return "f" + Double.doubleToRawLongBits(f);
        } else if (v instanceof String s) {
            return "s" + s;
        } else if (v instanceof LocalDate d) {
            return Long.toString(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            return Long.toString(t.toNanoOfDay() / 1_000_000);
        } else if (v instanceof LocalDateTime t) {
            return Long.toString(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } else if (v instanceof Instant i) {
            return Long.toString(i.toEpochMilli());
        }
        return String.valueOf(v);
    }

    @Test
    void shouldReadEveryTypePyarrowWrote() throws Exception {
        Python.run("write_arrow.py", dir, dir.toString());
        try (SharedTable st = SharedTable.open(dir.resolve("all_types.arrow"))) {
            assertEquals(3, st.rowCount());
            assertEquals("pyarrow", st.metadata().get("origin"));
            ShortColumnView i8 = st.shortColumn("i8");
            assertEquals(List.of((short) 1, Short.MIN_VALUE, (short) -128), List.of(i8.get(0), i8.get(1), i8.get(2)));
            assertTrue(i8.isMissing(1));
            assertEquals(-127.0, i8.sum());
            assertEquals(-32768, st.shortColumn("i16").get(0));
            assertTrue(st.shortColumn("i16").isMissing(2));
            assertEquals(2147483647, st.intColumn("i32").get(1));
            assertTrue(st.intColumn("i32").isMissing(0));
            assertEquals(9007199254740993L, st.longColumn("i64").get(0));
            assertEquals(-0.25f, st.floatColumn("f32").get(2));
            assertEquals(0.1, st.doubleColumn("f64").get(0));
            assertTrue(st.doubleColumn("f64").isMissing(2), "a non-null NaN is missing, as in Tablesaw");
            assertEquals(Boolean.FALSE, st.booleanColumn("b").get(2));
            assertEquals(null, st.booleanColumn("b").get(1));
            assertStrings(st.stringColumn("utf8"), "a", "", "é€");
            assertTrue(st.stringColumn("utf8").isMissing(1));
            assertStrings(st.stringColumn("large"), "", "xyz", "");
            assertStrings(st.stringColumn("dict32"), "red", "", "red");
            assertStrings(st.stringColumn("dict8"), "hi", "lo", "");
            assertEquals(LocalDate.of(2020, 1, 2), st.dateColumn("date32").get(0));
            assertEquals(LocalDate.of(1900, 3, 4), st.dateColumn("date32").get(2));
            assertEquals(LocalDate.of(1969, 12, 31), st.dateColumn("date64").get(0));
            assertEquals(LocalDate.of(2038, 1, 19), st.dateColumn("date64").get(1));
            assertEquals(LocalTime.of(1, 1, 1), st.timeColumn("t_s").get(0));
            assertEquals(LocalTime.of(1, 1, 1, 1_000_000), st.timeColumn("t_ms").get(0));
            assertEquals(LocalTime.of(23, 59, 59, 999_999_000), st.timeColumn("t_us").get(2));
            assertEquals(LocalTime.ofNanoOfDay(1), st.timeColumn("t_ns").get(0));
            assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59), st.dateTimeColumn("ts_s").get(1));
            assertEquals(LocalDateTime.of(1969, 12, 30, 23, 59, 59, 999_000_000), st.dateTimeColumn("ts_ms").get(2));
            assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), st.dateTimeColumn("ts_us").get(1));
            assertEquals(Instant.ofEpochSecond(1700000000L, 123456789).atOffset(ZoneOffset.UTC).toLocalDateTime(),
                    st.dateTimeColumn("ts_ns").get(1));
            assertEquals(Instant.ofEpochSecond(1700000000L, 123456789), st.instantColumn("ts_ns_utc").get(0));
            assertEquals(Instant.ofEpochSecond(0, 5), st.instantColumn("ts_ns_utc").get(2));
            assertEquals(Instant.ofEpochSecond(1700000000L, 123456000), st.instantColumn("ts_us_paris").get(1));
            assertEquals("Europe/Paris", st.instantColumn("ts_us_paris").timezone());

            Table copy = st.copyToTable();
            assertEquals(st.columnNames(), copy.columnNames());
            assertEquals(Instant.ofEpochMilli(1700000000123L), copy.instantColumn("ts_ns_utc").get(0),
                    "copies truncate to Tablesaw's milliseconds");
            assertEquals(LocalTime.ofNanoOfDay(86399999999999L / 1_000_000 * 1_000_000), copy.timeColumn("t_ns").get(2));
            assertEquals("é€", copy.stringColumn("utf8").get(2));
            assertTrue(copy.stringColumn("dict8").isMissing(2));
            assertTrue(copy.intColumn("i32").isMissing(0));
            assertEquals(PackedLocalDate.pack(LocalDate.of(2038, 1, 19)), copy.dateColumn("date64").getIntInternal(1));
            assertEquals(PackedLocalTime.pack(LocalTime.of(1, 1, 1)), copy.timeColumn("t_s").getIntInternal(0));
        }
        SegmentFormatException batches = assertThrows(SegmentFormatException.class,
                () -> SharedTable.open(dir.resolve("two_batches.arrow")).close());
        assertTrue(batches.getMessage().contains("record batches=2") && batches.getMessage().contains("combine_chunks()"),
                batches.getMessage());
        SegmentFormatException compressed = assertThrows(SegmentFormatException.class,
                () -> SharedTable.open(dir.resolve("compressed.arrow")).close());
        assertTrue(compressed.getMessage().contains("compressed (codec=ZSTD)"), compressed.getMessage());
        SegmentFormatException unsigned = assertThrows(SegmentFormatException.class,
                () -> SharedTable.open(dir.resolve("unsigned.arrow")).close());
        assertTrue(unsigned.getMessage().contains("column 'u' has unsupported unsigned uint32"), unsigned.getMessage());
    }

    private static void assertStrings(StringColumnView v, String... expected) {
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            actual.add(v.get(i));
        }
        assertEquals(List.of(expected), actual, v.name());
    }
}
