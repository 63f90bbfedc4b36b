package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.BooleanColumn;

import java.util.Objects;

/** A mapped BOOLEAN column (Arrow bit-packed Bool). */
public final class BooleanColumnView extends ColumnView {
    BooleanColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, null when missing (as Tablesaw's {@code get}). */
    public Boolean get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return isNull(a, base + row) ? null : bit(a, base + row);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** Value at {@code row} as a primitive, false when missing. */
    public boolean getBoolean(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return !isNull(a, base + row) && bit(a, base + row);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    private boolean bit(long a, long fileRow) {
        return (Mem.U.getByte(a + layout.values + (fileRow >>> 3)) & (1 << (fileRow & 7))) != 0;
    }

    /** Number of true values among the non-missing rows. */
    public int countTrue() {
        try {
            long a = mapping.address();
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!isNull(a, base + i) && bit(a, base + i)) {
                    n++;
                }
            }
            return n;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    BooleanColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            BooleanColumn c = BooleanColumn.create(name());
            long a = mapping.address();
            for (int i = from; i < to; i++) {
                if (isNull(a, base + i)) {
                    c.appendMissing();
                } else {
                    c.append(bit(a, base + i));
                }
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
