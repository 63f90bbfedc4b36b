package dev.shmkit.table;

import java.time.Instant;

/** Arrow timestamps (int64 in s/ms/us/ns since the epoch) to {@link Instant}, and Tablesaw's millisecond truncation. */
final class TimestampColumns {
    private TimestampColumns() {
    }

    static Instant instant(long value, int unit) {
        return switch (unit) {
            case 0 -> Instant.ofEpochSecond(value);
            case 1 -> Instant.ofEpochMilli(value);
            case 2 -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            default -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }

    /** Tablesaw keeps milliseconds: floor to them. */
    static Instant toMillis(Instant i) {
        return Instant.ofEpochMilli(i.toEpochMilli());
    }
}
