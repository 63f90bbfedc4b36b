package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.TimeColumn;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A mapped LOCAL_TIME column: Arrow Time in any unit, converted on {@code get} at full precision.
 * {@code copyToTable} truncates to Tablesaw's millisecond precision.
 */
public final class TimeColumnView extends ColumnView {
    TimeColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, null when missing. */
    public LocalTime get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            if (isNull(a, base + row)) {
                return null;
            }
            long v = BatchReader.read(valueAddress(a, row), layout.width);
            return LocalTime.ofNanoOfDay(Math.floorMod(v * layout.nanosPerUnit(), 86_400_000_000_000L));
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    TimeColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            TimeColumn c = TimeColumn.create(name());
            for (int i = from; i < to; i++) {
                LocalTime t = get(i);
                c.append(t == null ? null : t.withNano(t.getNano() / 1_000_000 * 1_000_000));
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
