package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

import java.time.ZoneOffset;

/**
 * Maps each Tablesaw column type to its Arrow encoding. Numeric columns are written straight from
 * Tablesaw's backing arrays; temporal columns are converted to Arrow's units (Tablesaw keeps
 * milliseconds, so nothing is lost); a double or float NaN is Tablesaw's missing value and
 * becomes an Arrow null. Whether a double, float, int or long column has a missing value at all (which
 * gives it a validity bitmap, and so changes the file's layout) is either found by a scan here or, with
 * {@code checkMissingWhileWriting}, left open: the column is planned without a bitmap and its values are
 * checked while they are copied into the file ({@link PrimitiveEncoding#missingUnchecked()}).
 */
final class ColumnEncoder {
    private ColumnEncoder() {
    }

    static EncodedColumn encode(Column<?> column, long dictionaryId) {
        return encode(column, dictionaryId, false);
    }

    /** @param checkMissingWhileWriting plan double, float, int and long columns without a bitmap, unscanned (see the class comment) */
    static EncodedColumn encode(Column<?> column, long dictionaryId, boolean checkMissingWhileWriting) {
        String n = column.name();
        int rows = column.size();
        if (column instanceof DoubleColumn c) {
            double[] a = FastutilArrays.of(c);
            if (checkMissingWhileWriting) {
                return PrimitiveEncoding.missingUnchecked(n, rows, PrimitiveEncoding.Kind.DOUBLE, a);
            }
            return new PrimitiveEncoding(n, rows, anyNaN(a, rows) ? i -> Double.isNaN(a[i]) : null, PrimitiveEncoding.Kind.DOUBLE, a);
        }
        if (column instanceof FloatColumn c) {
            float[] a = FastutilArrays.of(c);
            if (checkMissingWhileWriting) {
                return PrimitiveEncoding.missingUnchecked(n, rows, PrimitiveEncoding.Kind.FLOAT, a);
            }
            return new PrimitiveEncoding(n, rows, anyNaN(a, rows) ? i -> Float.isNaN(a[i]) : null, PrimitiveEncoding.Kind.FLOAT, a);
        }
        if (column instanceof IntColumn c) {
            int[] a = FastutilArrays.of(c);
            if (checkMissingWhileWriting) {
                return PrimitiveEncoding.missingUnchecked(n, rows, PrimitiveEncoding.Kind.INT32, a);
            }
            return new PrimitiveEncoding(n, rows, any(a, rows, Integer.MIN_VALUE) ? i -> a[i] == Integer.MIN_VALUE : null, PrimitiveEncoding.Kind.INT32, a);
        }
        if (column instanceof LongColumn c) {
            long[] a = FastutilArrays.of(c);
            if (checkMissingWhileWriting) {
                return PrimitiveEncoding.missingUnchecked(n, rows, PrimitiveEncoding.Kind.INT64, a);
            }
            return new PrimitiveEncoding(n, rows, any(a, rows) ? i -> a[i] == Long.MIN_VALUE : null, PrimitiveEncoding.Kind.INT64, a);
        }
        if (column instanceof ShortColumn c) {
            short[] a = FastutilArrays.of(c);
            return new PrimitiveEncoding(n, rows, i -> a[i] == Short.MIN_VALUE, PrimitiveEncoding.Kind.INT16, a);
        }
        if (column instanceof BooleanColumn c) {
            return new BooleanEncoding(c);
        }
        if (column instanceof StringColumn c) {
            return new DictionaryStringEncoding(c, dictionaryId);
        }
        if (column instanceof DateColumn c) {
            int[] days = new int[rows];
            for (int i = 0; i < rows; i++) {
                days[i] = c.isMissing(i) ? 0 : (int) PackedLocalDate.toEpochDay(c.getIntInternal(i));
            }
            return new PrimitiveEncoding(n, rows, c::isMissing, PrimitiveEncoding.Kind.DATE_DAY, days);
        }
        if (column instanceof TimeColumn c) {
            int[] millis = new int[rows];
            for (int i = 0; i < rows; i++) {
                millis[i] = c.isMissing(i) ? 0 : PackedLocalTime.getMillisecondOfDay(c.getIntInternal(i));
            }
            return new PrimitiveEncoding(n, rows, c::isMissing, PrimitiveEncoding.Kind.TIME_MILLI, millis);
        }
        if (column instanceof DateTimeColumn c) {
            long[] millis = new long[rows];
            for (int i = 0; i < rows; i++) {
                millis[i] = c.isMissing(i) ? 0
                        : PackedLocalDateTime.asLocalDateTime(c.getLongInternal(i)).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return new PrimitiveEncoding(n, rows, c::isMissing, PrimitiveEncoding.Kind.TIMESTAMP_MILLI, millis);
        }
        if (column instanceof InstantColumn c) {
            long[] millis = new long[rows];
            for (int i = 0; i < rows; i++) {
                millis[i] = c.isMissing(i) ? 0 : PackedInstant.asInstant(c.getLongInternal(i)).toEpochMilli();
            }
            return new PrimitiveEncoding(n, rows, c::isMissing, PrimitiveEncoding.Kind.TIMESTAMP_MILLI_UTC, millis);
        }
        throw new ShmkitException("column '" + n + "' has type " + column.type().name()
                + " (" + column.getClass().getSimpleName() + "), which shmkit cannot publish;"
                + " supported: SHORT, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, STRING, LOCAL_DATE, LOCAL_TIME,"
                + " LOCAL_DATE_TIME, INSTANT (convert TEXT columns with asStringColumn())");
    }

    // Fast scans so that columns without missing values never call a per-row predicate.

    private static boolean anyNaN(double[] a, int rows) {
        for (int i = 0; i < rows; i++) {
            if (a[i] != a[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyNaN(float[] a, int rows) {
        for (int i = 0; i < rows; i++) {
            if (a[i] != a[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(int[] a, int rows, int missing) {
        for (int i = 0; i < rows; i++) {
            if (a[i] == missing) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(long[] a, int rows) {
        for (int i = 0; i < rows; i++) {
            if (a[i] == Long.MIN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
