package dev.shmkit.table;

import dev.shmkit.memory.FaultSafeLoads;
import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.DateColumn;

import java.time.LocalDate;
import java.util.Objects;

/** A mapped LOCAL_DATE column: Arrow Date in DAY (int32) or MILLISECOND (int64, floored to the day). */
public final class DateColumnView extends ColumnView {
    DateColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, null when missing. */
    public LocalDate get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            return isNull(a, base + row) ? null : LocalDate.ofEpochDay(epochDay(a, row));
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** Days since 1970-01-01 at {@code row} (meaningless when missing). */
    public long epochDay(int row) {
        try {
            Objects.checkIndex(row, size);
            return epochDay(mapping.address(), row);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    private long epochDay(long a, int row) {
        long p = valueAddress(a, row);
        return layout.kind == ColumnLayout.Kind.DATE_DAY ? FaultSafeLoads.int32(p) : Math.floorDiv(Mem.U.getLong(p), 86_400_000L);
    }

    @Override
    DateColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            DateColumn c = DateColumn.create(name());
            for (int i = from; i < to; i++) {
                c.append(get(i));
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
