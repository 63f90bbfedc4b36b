package dev.shmkit.data;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded generator of synthetic tables: the same seed and shape give the same table on
 * every machine.
 *
 * <pre>{@code
 * Table df = TableGenerator.rows(10_000_000).doubles(4).seed(42).generate();   // x0..x3, uniform [0,1)
 * Table t  = TableGenerator.rows(1_000).ints(1).longs(1).strings(1, 100).generate();
 * }</pre>
 */
public final class TableGenerator {
    private final int rows;
    private int doubles;
    private int ints;
    private int longs;
    private int strings;
    private int distinct = 100;
    private long seed = 42;
    private String name = "generated";

    private TableGenerator(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows=" + rows + " must be >= 0");
        }
        this.rows = rows;
    }

    /** Starts a table of {@code rows} rows. */
    public static TableGenerator rows(int rows) {
        return new TableGenerator(rows);
    }

    /** Adds {@code n} double columns {@code x0..}, uniform in [0, 1). */
    public TableGenerator doubles(int n) {
        this.doubles = n;
        return this;
    }

    /** Adds {@code n} int columns {@code i0..}, uniform in [0, 1000). */
    public TableGenerator ints(int n) {
        this.ints = n;
        return this;
    }

    /** Adds {@code n} long columns {@code l0..}, uniform over all longs. */
    public TableGenerator longs(int n) {
        this.longs = n;
        return this;
    }

    /** Adds {@code n} string columns {@code s0..} with {@code distinct} distinct values each. */
    public TableGenerator strings(int n, int distinct) {
        this.strings = n;
        this.distinct = distinct;
        return this;
    }

    public TableGenerator seed(long seed) {
        this.seed = seed;
        return this;
    }

    public TableGenerator name(String name) {
        this.name = name;
        return this;
    }

    /** Builds the table; columns are generated in parallel, each from its own seeded stream. */
    public Table generate() {
        List<Column<?>> cols = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        int total = doubles + ints + longs + strings;
        SplittableRandom[] streams = new SplittableRandom[total];
        for (int i = 0; i < total; i++) {
            streams[i] = root.split();
        }
        Column<?>[] out = new Column<?>[total];
        initialiseTablesaw();
        IntStream.range(0, total).parallel().forEach(i -> out[i] = column(i, streams[i]));
        for (Column<?> c : out) {
            cols.add(c);
        }
        return Table.create(name, cols);
    }

    /**
     * Initialises Tablesaw's column types and column classes on the calling thread. Done lazily
     * by the parallel stream, {@code ColumnType.<clinit>} (which initialises every column type)
     * and a column constructor (which initialises one column type and its abstract base) take
     * the class-initialisation locks in opposite orders and deadlock forever.
     */
    static void initialiseTablesaw() {
        ColumnType.values();
        DoubleColumn.create("init", new double[0]);
        IntColumn.create("init", new int[0]);
        LongColumn.create("init", new long[0]);
        StringColumn.create("init", new String[0]);
    }

    private Column<?> column(int i, SplittableRandom r) {
        if (i < doubles) {
            double[] a = new double[rows];
            for (int k = 0; k < rows; k++) {
                a[k] = r.nextDouble();
            }
            return DoubleColumn.create("x" + i, a);
        }
        i -= doubles;
        if (i < ints) {
            int[] a = new int[rows];
            for (int k = 0; k < rows; k++) {
                a[k] = r.nextInt(1000);
            }
            return IntColumn.create("i" + i, a);
        }
        i -= ints;
        if (i < longs) {
            long[] a = new long[rows];
            for (int k = 0; k < rows; k++) {
                a[k] = r.nextLong();
            }
            return LongColumn.create("l" + i, a);
        }
        i -= longs;
        String[] values = new String[distinct];
        for (int k = 0; k < distinct; k++) {
            values[k] = "v" + k;
        }
        String[] a = new String[rows];
        for (int k = 0; k < rows; k++) {
            a[k] = values[r.nextInt(distinct)];
        }
        return StringColumn.create("s" + i, a);
    }
}
