package dev.shmkit.table;

import dev.shmkit.memory.FaultSafeLoads;
import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.IntColumn;

import java.util.Objects;
import java.util.function.IntConsumer;


/**
 * A mapped INTEGER column (Arrow int32). Bulk {@code sum}, {@code min} and {@code max} skip
 * missing rows and return doubles as Tablesaw does (NaN for min/max when no value is left).
 */
public final class IntColumnView extends ColumnView {
    IntColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** A proxy view: every read is a request through {@code reads}. */
    IntColumnView(ColumnLayout layout, int base, int size, ColumnReads reads) {
        super(null, layout, base, size, reads);
    }

    /** Value at {@code row}, {@code Integer.MIN_VALUE} (Tablesaw's missing value) when missing. */
    public int get(int row) {
        if (reads != null) {
            Objects.checkIndex(row, size);
            return reads.getInt(name(), base + row);
        }
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return isNull(a, base + row) ? Integer.MIN_VALUE : read(valueAddress(a, row));
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    private static int read(long p) {
        return FaultSafeLoads.int32(p);
    }

    /** Sum of the non-missing values. */
    public double sum() {
        return sum(0, size);
    }

    /** Sum of the non-missing values in rows [from, to). */
    public double sum(int from, int to) {
        if (reads != null) {
            Objects.checkFromToIndex(from, to, size);
            return reads.aggregate(name(), ColumnReads.Aggregate.SUM, base + from, base + to);
        }
        try {
            Objects.checkFromToIndex(from, to, size);
            long a = mapping.address();
            if (!hasNulls()) {
                long p = valueAddress(a, from);
                int n = to - from;
                long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 3 < n; i += 4) {
                    long q = p + ((long) i << 2);
                    s0 += read(q);
                    s1 += read(q + 4);
                    s2 += read(q + 8);
                    s3 += read(q + 12);
                }
                for (; i < n; i++) {
                    s0 += read(p + ((long) i << 2));
                }
                return (double) ((s0 + s1) + (s2 + s3));
            }
            long s = 0;
            for (int i = from; i < to; i++) {
                if (!isNull(a, base + i)) {
                    s += read(valueAddress(a, i));
                }
            }
            return s;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** Smallest non-missing value, NaN when there is none. */
    public double min() {
        return min(0, size);
    }

    /** Smallest non-missing value in rows [from, to), NaN when there is none. */
    public double min(int from, int to) {
        return extreme(from, to, true);
    }

    /** Largest non-missing value, NaN when there is none. */
    public double max() {
        return max(0, size);
    }

    /** Largest non-missing value in rows [from, to), NaN when there is none. */
    public double max(int from, int to) {
        return extreme(from, to, false);
    }

    private double extreme(int from, int to, boolean min) {
        if (reads != null) {
            Objects.checkFromToIndex(from, to, size);
            return reads.aggregate(name(), min ? ColumnReads.Aggregate.MIN : ColumnReads.Aggregate.MAX, base + from, base + to);
        }
        Objects.checkFromToIndex(from, to, size);
        long a = mapping.address();
        boolean seen = false;
        int m = 0;
        for (int i = from; i < to; i++) {
            if (isNull(a, base + i)) {
                continue;
            }
            int x = read(valueAddress(a, i));
            if (!seen || (min ? x < m : x > m)) {
                m = x;
                seen = true;
            }
        }
        return seen ? m : Double.NaN;
    }

    /** Passes every value of rows [from, to) in order (Tablesaw's missing value for missing rows). */
    public void forEach(int from, int to, IntConsumer consumer) {
        if (reads != null) {
            Objects.checkFromToIndex(from, to, size);
            inBatches(from, to, (f, t) -> {
                for (int v : reads.ints(name(), base + f, base + t)) {
                    consumer.accept(v);
                }
            });
            return;
        }
        try {
            Objects.checkFromToIndex(from, to, size);
            long a = mapping.address();
            boolean nulls = hasNulls();
            for (int i = from; i < to; i++) {
                consumer.accept(nulls && isNull(a, base + i) ? Integer.MIN_VALUE : read(valueAddress(a, i)));
            }
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    IntColumn copy(int from, int to) {
        if (reads != null) {
            return copyThroughReads(from, to);
        }
        try {
            Objects.checkFromToIndex(from, to, size);
            int[] out = new int[to - from];
            long a = mapping.address();
            Mem.copyToArray(valueAddress(a, from), out, 4L * out.length);
            if (hasNulls()) {
                for (int i = 0; i < out.length; i++) {
                    if (isNull(a, base + from + i)) {
                        out[i] = Integer.MIN_VALUE;
                    }
                }
            }
            return new WrappedColumns.Ints(name(), out);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** A proxy view's copy: the values fetched in batches. */
    private IntColumn copyThroughReads(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        int[] out = new int[to - from];
        inBatches(from, to, (f, t) -> System.arraycopy(reads.ints(name(), base + f, base + t), 0, out, f - from, t - f));
        return new WrappedColumns.Ints(name(), out);
    }
}
