package dev.shmkit.table;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.object.ObjectWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;

/**
 * The fault campaign of issue 9 item 6, one case per method: a segment is mapped and then changed
 * in place (truncated, or its string offsets / dictionary indices overwritten) while a reader reads
 * it. Each case returns what the reader saw: {@code "ok ..."} or {@code "<exception class>: <message>"}.
 * Used in-process by {@code ChangedUnderReaderTest} and in child JVMs by {@code MappedFileFaultIT}.
 */
public final class FaultCases {
    /** Rows of the case table: 1.6 MB of doubles, so truncation leaves most pages past the end. */
    public static final int ROWS = 200_000;
    /** Where truncation cuts the file: inside the Arrow metadata, before every buffer. */
    public static final long TRUNCATE_TO = 4096;

    private FaultCases() {
    }

    /** Writes the case table (x0 doubles, i0 ints, s0 strings with 1000 distinct values) to {@code file}. */
    public static void writeTable(Path file) {
        ArrowTableWriter.write(TableGenerator.rows(ROWS).doubles(1).ints(1).strings(1, 1000).seed(7).generate(), file);
    }

    /** Writes an object segment holding a 2M-element double[] stored out-of-band. */
    public static void writeObject(Path file) {
        double[] a = new double[2_000_000];
        java.util.Arrays.fill(a, 0.5);
        ObjectWriter.write(Map.of("w", a), file, ProcessHandle.current().pid());
    }

    /**
     * Runs the reads of case {@code name} {@code times} times on an intact segment, so the JIT
     * compiles them before the fault (a fault in compiled code takes another path in the JVM).
     */
    public static void warm(String name, Path intact, int times) {
        for (int i = 0; i < times; i++) {
            if (isObjectCase(name)) {
                try (ObjectSegment s = ObjectSegment.open(intact)) {
                    s.doubles("[w]").sum();
                    s.doubles("[w]").copyToArray();
                    s.read(Map.class);
                }
            } else {
                try (SharedTable t = SharedTable.open(intact)) {
                    DoubleColumnView x = t.doubleColumn("x0");
                    double sum = x.sum();
                    for (int r = 0; r < x.size(); r++) {
                        sum += x.get(r);
                    }
                    t.copyToTable();
                    readStrings(t.stringColumn("s0"));
                    t.intColumn("i0").sum();
                    sumInts(t.intColumn("i0"));
                }
            }
        }
    }

    /** Runs case {@code name} against {@code file} (a fresh copy written by the caller). */
    public static String run(String name, Path file, long seed) {
        try {
            return switch (name) {
                case "truncate-sum" -> truncateThen(file, t -> "ok sum=" + t.doubleColumn("x0").sum());
                case "truncate-get-loop" -> truncateThen(file, t -> {
                    DoubleColumnView x = t.doubleColumn("x0");
                    double s = 0;
                    for (int i = 0; i < x.size(); i++) {
                        s += x.get(i);
                    }
                    return "ok sum=" + s;
                });
                case "truncate-int-sum" -> truncateThen(file, t -> "ok sum=" + t.intColumn("i0").sum());
                case "truncate-int-get-loop" -> truncateThen(file, t -> "ok sum=" + sumInts(t.intColumn("i0")));
                case "truncate-copy" -> truncateThen(file, t -> "ok rows=" + t.copyToTable().rowCount());
                case "truncate-strings" -> truncateThen(file, t -> readStrings(t.stringColumn("s0")));
                case "truncate-array-sum" -> truncateObjectThen(file, s -> "ok sum=" + s.doubles("[w]").sum());
                case "truncate-array-copy" -> truncateObjectThen(file, s -> "ok n=" + s.doubles("[w]").copyToArray().length);
                case "truncate-object-read" -> truncateObjectThen(file, s -> "ok size=" + s.read(Map.class).size());
                case "offsets-adversarial" -> overwriteThenRead(file, seed, true);
                case "offsets-random" -> overwriteThenRead(file, seed, false);
                case "indices-out-of-range" -> indicesThenRead(file, seed);
                default -> throw new IllegalArgumentException("no case " + name);
            };
        } catch (RuntimeException | InternalError e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The case names. */
    public static String[] names() {
        return new String[] {"truncate-sum", "truncate-get-loop", "truncate-int-sum", "truncate-int-get-loop", "truncate-copy", "truncate-strings",
            "truncate-array-sum", "truncate-array-copy", "truncate-object-read", "offsets-adversarial",
            "offsets-random", "indices-out-of-range"};
    }

    /** Whether the case truncates the file (a SIGBUS, which HotSpot may report past the view's catch). */
    public static boolean isTruncation(String name) {
        return name.startsWith("truncate-");
    }

    /** Whether the case needs an object segment rather than a table. */
    public static boolean isObjectCase(String name) {
        return name.contains("array") || name.contains("object");
    }

    private interface TableRead {
        String read(SharedTable t);
    }

    private interface ObjectRead {
        String read(ObjectSegment s);
    }

    private static String truncateThen(Path file, TableRead read) {
        try (SharedTable t = SharedTable.open(file)) {
            t.doubleColumn("x0").get(0);
            truncate(file);
            return read.read(t);
        }
    }

    private static String truncateObjectThen(Path file, ObjectRead read) {
        try (ObjectSegment s = ObjectSegment.open(file)) {
            truncate(file);
            return read.read(s);
        }
    }

    /** A user's loop: ints widened into a long sum (C2 once made this one sign-extending load). */
    public static long sumInts(IntColumnView v) {
        long s = 0;
        for (int i = 0; i < v.size(); i++) {
            s += v.get(i);
        }
        return s;
    }

    private static String readStrings(StringColumnView v) {
        long chars = 0;
        for (int i = 0; i < v.size(); i++) {
            chars += v.get(i).length();
        }
        return "ok chars=" + chars;
    }

    /**
     * Overwrites the dictionary's string offsets in place after open (before the first read
     * decodes them). Adversarial: huge, negative, decreasing and just-past-the-end values;
     * random: random bytes over the whole offsets buffer.
     */
    private static String overwriteThenRead(Path file, long seed, boolean adversarial) {
        try (SharedTable t = SharedTable.open(file)) {
            StringColumnView v = t.stringColumn("s0");
            ColumnLayout d = v.layout.dictionary;
            int count = d.rows + 1;
            ByteBuffer b = ByteBuffer.allocate(count * d.width).order(ByteOrder.LITTLE_ENDIAN);
            Random r = new Random(seed);
            if (adversarial) {
                int[] evil = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, (int) d.dataLength + 1, 0x7fff_0000};
                for (int i = 0; i < count; i++) {
                    b.putInt(i % 3 == 0 ? evil[r.nextInt(evil.length)] : count - i);
                }
            } else {
                r.nextBytes(b.array());
            }
            write(file, d.values, b.array());
            return readStrings(v);
        }
    }

    /**
     * Overwrites, in place, the dictionary string offsets of column {@code column} of the table file
     * {@code file} with adversarial values (huge, negative, past the end), for readers in other processes.
     */
    public static void overwriteDictionaryOffsets(Path file, String column, long seed) {
        long at;
        int count;
        int width;
        long dataLength;
        try (SharedTable t = SharedTable.open(file)) {
            ColumnLayout d = t.stringColumn(column).layout.dictionary;
            at = d.values;
            count = d.rows + 1;
            width = d.width;
            dataLength = d.dataLength;
        }
        ByteBuffer b = ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(seed);
        int[] evil = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, (int) dataLength + 1, 0x7fff_0000};
        for (int i = 0; i < count; i++) {
            b.putInt(i % 3 == 0 ? evil[r.nextInt(evil.length)] : count - i);
        }
        write(file, at, b.array());
    }

    /** Truncates {@code file} in place to {@link #TRUNCATE_TO} bytes (inside the metadata, before every buffer). */
    public static void truncateInPlace(Path file) {
        truncate(file);
    }

    private static String indicesThenRead(Path file, long seed) {
        try (SharedTable t = SharedTable.open(file)) {
            StringColumnView v = t.stringColumn("s0");
            ColumnLayout l = v.layout;
            ByteBuffer b = ByteBuffer.allocate(1000 * l.width).order(ByteOrder.LITTLE_ENDIAN);
            Random r = new Random(seed);
            for (int i = 0; i < 1000; i++) {
                b.putInt(r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(100) : -1 - r.nextInt(100));
            }
            write(file, l.values + (long) (ROWS / 2) * l.width, b.array());
            return readStrings(v);
        }
    }

    private static void truncate(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(TRUNCATE_TO);
        } catch (IOException e) {
            throw new IllegalStateException("cannot truncate " + file, e);
        }
    }

    private static void write(Path file, long position, byte[] bytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), position);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
