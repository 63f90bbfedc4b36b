package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.DateTimeColumn;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A mapped LOCAL_DATE_TIME column: an Arrow Timestamp without time zone in any unit, converted on
 * {@code get} at full precision; {@code copyToTable} truncates to Tablesaw's milliseconds.
 */
public final class DateTimeColumnView extends ColumnView {
    DateTimeColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, null when missing. */
    public LocalDateTime get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            if (isNull(a, base + row)) {
                return null;
            }
            return LocalDateTime.ofInstant(TimestampColumns.instant(Mem.U.getLong(valueAddress(a, row)), layout.timeUnit),
                    ZoneOffset.UTC);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    @Override
    DateTimeColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            DateTimeColumn c = DateTimeColumn.create(name());
            for (int i = from; i < to; i++) {
                LocalDateTime t = get(i);
                c.append(t == null ? null : t.withNano(t.getNano() / 1_000_000 * 1_000_000));
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
