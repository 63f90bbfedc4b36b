package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.ShortColumn;

import java.util.Objects;
import java.util.function.IntConsumer;

import static dev.shmkit.table.Mem.U;

/**
 * A mapped SHORT column (Arrow int16, or int8 widened). Bulk {@code sum}, {@code min} and {@code max} skip
 * missing rows and return doubles as Tablesaw does (NaN for min/max when no value is left).
 */
public final class ShortColumnView extends ColumnView {
    ShortColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, {@code Short.MIN_VALUE} (Tablesaw's missing value) when missing. */
    public short get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return isNull(a, base + row) ? Short.MIN_VALUE : read(valueAddress(a, row));
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    private short read(long p) {
        return layout.width == 2 ? U.getShort(p) : U.getByte(p);
    }

    /** Sum of the non-missing values. */
    public double sum() {
        return sum(0, size);
    }

    /** Sum of the non-missing values in rows [from, to). */
    public double sum(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            long a = mapping.address();
            if (!hasNulls()) {
                long s = 0;
                for (int i = from; i < to; i++) {
                    s += read(valueAddress(a, i));
                }
                return s;
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
        Objects.checkFromToIndex(from, to, size);
        long a = mapping.address();
        boolean seen = false;
        short m = 0;
        for (int i = from; i < to; i++) {
            if (isNull(a, base + i)) {
                continue;
            }
            short x = read(valueAddress(a, i));
            if (!seen || (min ? x < m : x > m)) {
                m = x;
                seen = true;
            }
        }
        return seen ? m : Double.NaN;
    }

    /** Passes every value of rows [from, to) in order (Tablesaw's missing value for missing rows). */
    public void forEach(int from, int to, IntConsumer consumer) {
        try {
            Objects.checkFromToIndex(from, to, size);
            long a = mapping.address();
            boolean nulls = hasNulls();
            for (int i = from; i < to; i++) {
                consumer.accept(nulls && isNull(a, base + i) ? Short.MIN_VALUE : read(valueAddress(a, i)));
            }
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    ShortColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            short[] out = new short[to - from];
            long a = mapping.address();
            for (int i = 0; i < out.length; i++) {
                out[i] = isNull(a, base + from + i) ? Short.MIN_VALUE : read(valueAddress(a, from + i));
            }
            return new WrappedColumns.Shorts(name(), out);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
