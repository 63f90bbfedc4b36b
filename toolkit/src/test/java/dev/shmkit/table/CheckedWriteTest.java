package dev.shmkit.table;

import dev.shmkit.memory.DevicePages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Double, float, int and long columns are planned without a validity bitmap and checked for missing
 * values (NaN, MIN_VALUE) while they are copied (mapped or staged for positional writes); a missing value
 * sends the writer back to plan and write again.
 * Whatever happens, the file must be byte for byte the one the scan-first writer writes.
 */
class CheckedWriteTest {
    /**
     * Over MappedWrites.PARALLEL_MIN_BYTES (16 MiB of values: several 4 MiB ranges on every core) and over
     * StagingSink.PIPELINE_MIN_BYTES (a file of 53 MB: positional writes on a writer thread); odd, so floats end alone.
     */
    private static final int BIG = 2_200_001;

    /** Where the missing values (or look-alikes) are in the columns {@code d}, {@code f}, {@code i}, {@code l}. */
    enum Case {
        NONE, DOUBLE_FIRST_ELEMENT, DOUBLE_LAST_ELEMENT, FLOAT_FIRST_ELEMENT, FLOAT_LAST_ELEMENT, DOUBLE_ALL_NAN,
        FLOAT_ALL_NAN, NEGATIVE_ZERO_AND_INFINITIES, DOUBLE_NAN_PAYLOADS, FLOAT_NAN_PAYLOADS,
        INT_FIRST_ELEMENT, INT_LAST_ELEMENT, LONG_FIRST_ELEMENT, LONG_LAST_ELEMENT, INT_ALL_MISSING, LONG_ALL_MISSING,
        INT_AND_LONG_NEAR_MISSING;

        boolean missing() {
            return this != NONE && this != NEGATIVE_ZERO_AND_INFINITIES && this != INT_AND_LONG_NEAR_MISSING;
        }
    }

    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(1, 2, 1001, BIG).flatMap(rows -> Arrays.stream(Case.values()).map(c -> Arguments.of(rows, c)));
    }

    @ParameterizedTest(name = "rows={0} {1}")
    @MethodSource("cases")
    void shouldWriteTheScanFirstWritersBytesOnBothPaths(int rows, Case c) throws Exception {
        Table t = table(rows, c);
        Map<String, String> meta = Map.of("owner", "test");
        FilePlan reference = ArrowTableWriter.plan(t.columns(), meta, ArrowFileDescriptor.FORMAT_VERSION);
        Path expected = dir.resolve("scan-first.arrow");
        try (FileChannel ch = FileChannel.open(expected, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            reference.writeSeriallyTo(ch);  // BIG rows: the writers below hand staged buffers to a writer thread
        }
        if (rows == BIG) {
            assertTrue(reference.totalLength() >= StagingSink.PIPELINE_MIN_BYTES, "BIG no longer writes pipelined");
        }
        boolean missing = c.missing();
        assertEquals(missing, reference.totalLength() > optimistic(t, meta).totalLength(), "a missing value adds a bitmap");
        DevicePages mapped = DevicePages.of(dir);
        for (Function<FilePlan, DevicePages> path : java.util.List.<Function<FilePlan, DevicePages>>of(p -> null, p -> mapped)) {
            String name = path.apply(reference) == null ? "positional" : "mapped";
            Path file = dir.resolve(name + ".arrow");
            Files.writeString(file, "stale bytes of an earlier version, longer than nothing");
            assertEquals(reference.totalLength(), ArrowTableWriter.write(t.columns(), file, meta,
                    ArrowFileDescriptor.FORMAT_VERSION, path), name);
            assertEquals(-1, Files.mismatch(expected, file), name + ": first differing byte");
            FilePlan first = optimistic(t, meta);
            ArrowTableWriter.write(first, file, path.apply(first));
            assertEquals(missing, first.missingFound(), name + ": missing value found while copying");
        }
    }

    @Test
    void shouldScanFirstTheColumnsThatHadMissingValuesLastTimeAndStopWhenTheyHaveNone() throws Exception {
        Table t = table(1001, Case.DOUBLE_LAST_ELEMENT);
        Path file = dir.resolve("hinted.arrow");
        ArrowTableWriter.write(t, file);
        assertTrue(ArrowTableWriter.scansFirst(t.column("d")), "d had a NaN");
        assertFalse(ArrowTableWriter.scansFirst(t.column("f")), "f had none");
        assertSameBytes(t, file); // written scan-first this time
        ((DoubleColumn) t.column("d")).set(1000, 1.0);
        assertSameBytes(t, file);
        assertFalse(ArrowTableWriter.scansFirst(t.column("d")), "d has no NaN any more");
    }

    /** Writes {@code t} to {@code file} and compares with what the scan-first writer writes. */
    private void assertSameBytes(Table t, Path file) throws Exception {
        ArrowTableWriter.write(t, file);
        Path expected = dir.resolve("expected.arrow");
        try (FileChannel ch = FileChannel.open(expected, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ArrowTableWriter.plan(t.columns(), Map.of(), ArrowFileDescriptor.FORMAT_VERSION).writeTo(ch);
        }
        assertEquals(-1, Files.mismatch(expected, file), "first differing byte");
    }

    private static FilePlan optimistic(Table t, Map<String, String> meta) {
        return ArrowTableWriter.plan(t.columns(), meta, ArrowFileDescriptor.FORMAT_VERSION, i -> true);
    }

    private static Table table(int rows, Case c) {
        double[] d = new double[rows];
        float[] f = new float[rows];
        int[] i = new int[rows];
        long[] l = new long[rows];
        for (int r = 0; r < rows; r++) {
            d[r] = r * 0.25 - 7;
            f[r] = r * 0.5f - 3;
            i[r] = r - 5;
            l[r] = r * 3_000_000_000L;
        }
        int last = rows - 1;
        switch (c) {
            case NONE -> { }
            case DOUBLE_FIRST_ELEMENT -> d[0] = Double.NaN;
            case DOUBLE_LAST_ELEMENT -> d[last] = Double.NaN;
            case FLOAT_FIRST_ELEMENT -> f[0] = Float.NaN;
            case FLOAT_LAST_ELEMENT -> f[last] = Float.NaN;
            case DOUBLE_ALL_NAN -> Arrays.fill(d, Double.NaN);
            case FLOAT_ALL_NAN -> Arrays.fill(f, Float.NaN);
            case NEGATIVE_ZERO_AND_INFINITIES -> {
                d[0] = -0.0;
                d[last] = Double.NEGATIVE_INFINITY;
                d[rows / 2] = Double.POSITIVE_INFINITY;
                d[rows / 3] = -Double.MAX_VALUE;
                f[0] = Float.POSITIVE_INFINITY;
                f[last] = -0.0f;
                f[rows / 2] = Float.NEGATIVE_INFINITY;
            }
            case DOUBLE_NAN_PAYLOADS -> {
                d[last] = Double.longBitsToDouble(0x7ff0_0000_0000_0001L); // signalling, smallest payload
                d[rows / 2] = Double.longBitsToDouble(0xfff8_0000_0000_0000L); // negative quiet
                d[rows / 3] = Double.longBitsToDouble(0xffff_ffff_ffff_ffffL);
            }
            case FLOAT_NAN_PAYLOADS -> {
                f[last] = Float.intBitsToFloat(0x7f80_0001);
                f[rows / 2] = Float.intBitsToFloat(0xffc0_0000);
                f[rows / 3] = Float.intBitsToFloat(0xffff_ffff);
            }
            case INT_FIRST_ELEMENT -> i[0] = Integer.MIN_VALUE;
            case INT_LAST_ELEMENT -> i[last] = Integer.MIN_VALUE;
            case LONG_FIRST_ELEMENT -> l[0] = Long.MIN_VALUE;
            case LONG_LAST_ELEMENT -> l[last] = Long.MIN_VALUE;
            case INT_ALL_MISSING -> Arrays.fill(i, Integer.MIN_VALUE);
            case LONG_ALL_MISSING -> Arrays.fill(l, Long.MIN_VALUE);
            case INT_AND_LONG_NEAR_MISSING -> {
                i[0] = Integer.MIN_VALUE + 1;
                i[last] = Integer.MAX_VALUE;
                i[rows / 2] = 0;
                l[0] = Long.MAX_VALUE;
                l[last] = Long.MIN_VALUE + 1;
                l[rows / 2] = 0;
            }
        }
        return Table.create("checked", DoubleColumn.create("d", d), FloatColumn.create("f", f), IntColumn.create("i", i),
                LongColumn.create("l", l));
    }
}
