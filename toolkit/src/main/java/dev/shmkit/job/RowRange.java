package dev.shmkit.job;

import java.io.Serializable;

/** Rows {@code [from, to)} of a table: the share of a table one task works on. */
public record RowRange(int from, int to) implements Serializable {
    /** Checks {@code 0 <= from <= to}. */
    public RowRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("row range from=" + from + " to=" + to + " (need 0 <= from <= to)");
        }
    }

    /** Number of rows. */
    public int size() {
        return to - from;
    }

    @Override
    public String toString() {
        return "rows [" + from + ", " + to + ")";
    }
}
