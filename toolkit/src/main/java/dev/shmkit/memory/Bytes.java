package dev.shmkit.memory;

import java.util.Locale;

/** Small helpers for byte counts and alignment. */
public final class Bytes {
    private Bytes() {
    }

    /** {@code value} rounded up to a multiple of {@code alignment} (a power of two). */
    public static long align(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** A human-readable size: 320.0 MB, 1.00 GiB is shown as 1.07 GB (decimal units, as throughput is). */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
