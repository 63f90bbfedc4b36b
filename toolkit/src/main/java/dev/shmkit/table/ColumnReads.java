package dev.shmkit.table;

/**
 * Where the reads of a proxy table's column views go instead of a mapping ({@link SharedTable#proxy}):
 * in proxy mode each call is one request to the process that holds the table, which answers from its
 * own view. Rows are rows of the whole table (a slice adds its first row). Values are what the mapped
 * views return for the same rows (NaN, {@code Long.MIN_VALUE}, {@code Integer.MIN_VALUE}, "" for missing).
 *
 * <p>Cost per view call, the contract proxy accounting counts: {@code get}, {@code isMissing},
 * {@code countMissing}, {@code sum}, {@code min} and {@code max} are one request each (the holder
 * computes the aggregate); {@code forEach} and copies fetch values in batches of {@link #BATCH_ROWS}
 * rows, one request per batch: {@code ceil(rows / BATCH_ROWS)} requests per call.
 */
public interface ColumnReads {
    /** Rows per values request: 1 MiB of doubles, so one reply is at most one big control frame, not a huge one. */
    int BATCH_ROWS = 131_072;

    /** An aggregate the holder computes over a row range. */
    enum Aggregate { SUM, MIN, MAX }

    /** Value of {@code row} of a DOUBLE column (one request). */
    double getDouble(String column, int row);

    /** Value of {@code row} of a LONG column (one request). */
    long getLong(String column, int row);

    /** Value of {@code row} of an INTEGER column (one request). */
    int getInt(String column, int row);

    /** Value of {@code row} of a STRING column, "" when missing (one request). */
    String getString(String column, int row);

    /** Whether {@code row} is missing (one request). */
    boolean isMissing(String column, int row);

    /** Missing rows in [from, to) (one request). */
    int countMissing(String column, int from, int to);

    /** The view's {@code sum}/{@code min}/{@code max} over rows [from, to), computed by the holder. */
    double aggregate(String column, Aggregate op, int from, int to);

    /** Values of rows [from, to) of a DOUBLE column (one request; callers batch). */
    double[] doubles(String column, int from, int to);

    /** Values of rows [from, to) of a LONG column (one request; callers batch). */
    long[] longs(String column, int from, int to);

    /** Values of rows [from, to) of an INTEGER column (one request; callers batch). */
    int[] ints(String column, int from, int to);

    /** Values of rows [from, to) of a STRING column, "" for missing (one request; callers batch). */
    String[] strings(String column, int from, int to);
}
