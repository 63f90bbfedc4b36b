package dev.shmkit.table;

import tech.tablesaw.api.ColumnType;

/**
 * Where one column's validated buffers lie in the mapped file (absolute offsets), and how to read
 * them. For a dictionary-encoded column {@link #values} holds the indices ({@link #width} bytes
 * each) and {@link #dictionary} the string values.
 */
final class ColumnLayout {
    /** Arrow physical types shmkit reads. */
    enum Kind { INT8, INT16, INT32, INT64, FLOAT, DOUBLE, BOOL, UTF8, LARGE_UTF8, DATE_DAY, DATE_MILLI, TIME, TIMESTAMP }

    final String name;
    /** Number of values (the batch's rows, or the dictionary's size). */
    final int rows;
    final Kind kind;
    /** Bytes per value (indices for dictionary columns; offsets width for strings). */
    final int width;
    /** Arrow TimeUnit (0 s, 1 ms, 2 us, 3 ns) for TIME and TIMESTAMP. */
    final int timeUnit;
    /** Timestamp time zone, or null. */
    final String timezone;
    final long validity;
    final long values;
    final long data;
    final long dataLength;
    final long nullCount;
    final ColumnLayout dictionary;

    ColumnLayout(String name, int rows, Kind kind, int width, int timeUnit, String timezone, long validity, long values,
                 long data, long dataLength, long nullCount, ColumnLayout dictionary) {
        this.name = name;
        this.rows = rows;
        this.kind = kind;
        this.width = width;
        this.timeUnit = timeUnit;
        this.timezone = timezone;
        this.validity = validity;
        this.values = values;
        this.data = data;
        this.dataLength = dataLength;
        this.nullCount = nullCount;
        this.dictionary = dictionary;
    }

    /** The Tablesaw type this column is viewed and copied as. */
    ColumnType tablesawType() {
        if (dictionary != null) {
            return ColumnType.STRING;
        }
        return switch (kind) {
            case INT8, INT16 -> ColumnType.SHORT;
            case INT32 -> ColumnType.INTEGER;
            case INT64 -> ColumnType.LONG;
            case FLOAT -> ColumnType.FLOAT;
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOL -> ColumnType.BOOLEAN;
            case UTF8, LARGE_UTF8 -> ColumnType.STRING;
            case DATE_DAY, DATE_MILLI -> ColumnType.LOCAL_DATE;
            case TIME -> ColumnType.LOCAL_TIME;
            case TIMESTAMP -> timezone == null ? ColumnType.LOCAL_DATE_TIME : ColumnType.INSTANT;
        };
    }

    /** Nanoseconds per unit of {@link #timeUnit}. */
    long nanosPerUnit() {
        return switch (timeUnit) {
            case 0 -> 1_000_000_000L;
            case 1 -> 1_000_000L;
            case 2 -> 1_000L;
            default -> 1L;
        };
    }
}
