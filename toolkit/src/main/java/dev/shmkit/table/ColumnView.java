package dev.shmkit.table;

import dev.shmkit.MappedFaults;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

import java.util.Objects;

/**
 * A read-only view of one column of a {@link SharedTable}: every read goes to the mapped pages,
 * nothing is copied. Rows are numbered from 0 within the view (and so within a slice). Values of
 * missing rows are returned as Tablesaw returns them (NaN, {@code Integer.MIN_VALUE}, "" or null).
 * A view is valid while its table is open.
 *
 * <p>Segments must not be modified in place. If one is, a view never crashes the JVM: offsets
 * read from the file are bounds-checked, and a fault in mapped memory (a truncated file) becomes a
 * {@link SegmentFormatException} naming the file ("changed or truncated while mapped").
 */
public abstract class ColumnView {
    final Mapping mapping;
    final ColumnLayout layout;
    /** First row of the file this view shows. */
    final int base;
    final int size;
    /** Where reads go in proxy mode (then {@link #mapping} is null); null for a mapped view. */
    final ColumnReads reads;

    ColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        this(mapping, layout, base, size, null);
    }

    ColumnView(Mapping mapping, ColumnLayout layout, int base, int size, ColumnReads reads) {
        this.mapping = mapping;
        this.layout = layout;
        this.base = base;
        this.size = size;
        this.reads = reads;
    }

    /** Whether this view's reads are requests to the table's holder (proxy mode) rather than reads of a mapping. */
    public boolean isProxy() {
        return reads != null;
    }

    /** The column's name. */
    public String name() {
        return layout.name;
    }

    /** Number of rows in the view. */
    public int size() {
        return size;
    }

    /** The Tablesaw type this column reads as. */
    public ColumnType type() {
        return layout.tablesawType();
    }

    /** True when {@code row} is null in the file (for float columns also when it is NaN, as in Tablesaw). */
    public boolean isMissing(int row) {
        if (reads != null) {
            Objects.checkIndex(row, size);
            return reads.isMissing(name(), base + row);
        }
        try {
            Objects.checkIndex(row, size);
            return isNull(mapping.address(), base + row);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** Number of missing rows in the view. */
    public int countMissing() {
        if (reads != null) {
            return reads.countMissing(name(), base, base + size);
        }
        try {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (isMissing(i)) {
                    n++;
                }
            }
            return n;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    final boolean isNull(long address, long fileRow) {
        long v = layout.validity;
        return v >= 0 && (Mem.U.getByte(address + v + (fileRow >>> 3)) & (1 << (fileRow & 7))) == 0;
    }

    final boolean hasNulls() {
        return layout.validity >= 0;
    }

    /** Address of value {@code row} (view row) for fixed-width columns. */
    final long valueAddress(long address, int row) {
        return address + layout.values + (long) (base + row) * layout.width;
    }

    /**
     * The exception for a fault in mapped memory (the file was truncated under this reader): it
     * names the file and the cause. Every public method that reads the mapping catches
     * {@code InternalError} and throws this; other errors pass through unchanged.
     */
    final RuntimeException faulted(InternalError e) {
        if (!MappedFaults.isFault(e)) {
            throw e;
        }
        return MappedFaults.changed(mapping.path(), "column '" + name() + "'",
                "a read of mapped memory faulted (mapped length=" + mapping.length() + ")", e);
    }

    /** Calls {@code batch} for consecutive ranges of at most {@link ColumnReads#BATCH_ROWS} view rows covering [from, to). */
    static void inBatches(int from, int to, RangeConsumer batch) {
        for (int i = from; i < to; i += ColumnReads.BATCH_ROWS) {
            batch.accept(i, Math.min(to, i + ColumnReads.BATCH_ROWS));
        }
    }

    /** One batch of view rows [from, to). */
    @FunctionalInterface
    interface RangeConsumer {
        void accept(int from, int to);
    }

    /** Copies rows [from, to) of the view into a new Tablesaw column. */
    abstract Column<?> copy(int from, int to);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + ", " + type().name() + ", rows=" + size + "]";
    }
}
