package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.InstantColumn;

import java.time.Instant;
import java.util.Objects;

/**
 * A mapped INSTANT column: an Arrow Timestamp with a time zone (any zone; the stored value is UTC)
 * in any unit, converted on {@code get} at full precision; {@code copyToTable} truncates to
 * Tablesaw's milliseconds.
 */
public final class InstantColumnView extends ColumnView {
    InstantColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** Value at {@code row}, null when missing. */
    public Instant get(int row) {
        try {
            Objects.checkIndex(row, size);
            long a = mapping.address();
            if (isNull(a, base + row)) {
                return null;
            }
            return TimestampColumns.instant(Mem.U.getLong(valueAddress(a, row)), layout.timeUnit);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** The file's time zone name (for example "UTC" or "Europe/Paris"). */
    public String timezone() {
        return layout.timezone;
    }

    @Override
    InstantColumn copy(int from, int to) {
        try {
            Objects.checkFromToIndex(from, to, size);
            InstantColumn c = InstantColumn.create(name());
            for (int i = from; i < to; i++) {
                Instant t = get(i);
                c.append(t == null ? null : TimestampColumns.toMillis(t));
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }
}
