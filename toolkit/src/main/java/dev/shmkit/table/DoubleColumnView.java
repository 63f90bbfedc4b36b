package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.DoubleColumn;

import java.util.Objects;
import java.util.function.DoubleConsumer;

import static dev.shmkit.table.Mem.U;

/**
 * A mapped DOUBLE column. A NaN is missing, as in Tablesaw, whether or not the file marks it null;
 * bulk {@code sum}, {@code min} and {@code max} skip missing rows (NaN when none is left).
 */
public final class DoubleColumnView extends ColumnView {
    DoubleColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** A proxy view: every read is a request through {@code reads}. */
    DoubleColumnView(ColumnLayout layout, int base, int size, ColumnReads reads) {
        super(null, layout, base, size, reads);
    }

    /** Value at {@code row}, NaN when missing. */
    public double get(int row) {
        if (reads != null) {
            Objects.checkIndex(row, size);
            return reads.getDouble(name(), base + row);
        }
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return isNull(a, base + row) ? Double.NaN : U.getDouble(valueAddress(a, row));
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(get(row));
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
                double s = sumDense(valueAddress(a, from), to - from);
                if (!Double.isNaN(s)) {
                    return s;
                }
            }
            double s = 0;
            for (int i = from; i < to; i++) {
                if (!isNull(a, base + i)) {
                    double x = U.getDouble(valueAddress(a, i));
                    if (x == x) {
                        s += x;
                    }
                }
            }
            return s;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** Four independent accumulators: memory bandwidth instead of add latency. */
    private static double sumDense(long p, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            long q = p + ((long) i << 3);
            s0 += U.getDouble(q);
            s1 += U.getDouble(q + 8);
            s2 += U.getDouble(q + 16);
            s3 += U.getDouble(q + 24);
        }
        for (; i < n; i++) {
            s0 += U.getDouble(p + ((long) i << 3));
        }
        return (s0 + s1) + (s2 + s3);
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
        double m = Double.NaN;
        for (int i = from; i < to; i++) {
            if (isNull(a, base + i)) {
                continue;
            }
            double x = U.getDouble(valueAddress(a, i));
            if (m != m || (min ? x < m : x > m)) {
                m = x;
            }
        }
        return m;
    }

    /** Passes every value of rows [from, to) in order (NaN for missing rows). */
    public void forEach(int from, int to, DoubleConsumer consumer) {
        if (reads != null) {
            Objects.checkFromToIndex(from, to, size);
            inBatches(from, to, (f, t) -> {
                for (double v : reads.doubles(name(), base + f, base + t)) {
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
                consumer.accept(nulls && isNull(a, base + i) ? Double.NaN : U.getDouble(valueAddress(a, i)));
            }
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    DoubleColumn copy(int from, int to) {
        if (reads != null) {
            return copyThroughReads(from, to);
        }
        try {
            Objects.checkFromToIndex(from, to, size);
            double[] out = new double[to - from];
            long a = mapping.address();
            Mem.copyToArray(valueAddress(a, from), out, 8L * out.length);
            if (hasNulls()) {
                for (int i = 0; i < out.length; i++) {
                    if (isNull(a, base + from + i)) {
                        out[i] = Double.NaN;
                    }
                }
            }
            return new WrappedColumns.Doubles(name(), out);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** A proxy view's copy: the values fetched in batches. */
    private DoubleColumn copyThroughReads(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        double[] out = new double[to - from];
        inBatches(from, to, (f, t) -> System.arraycopy(reads.doubles(name(), base + f, base + t), 0, out, f - from, t - f));
        return new WrappedColumns.Doubles(name(), out);
    }
}
