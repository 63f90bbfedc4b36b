package dev.shmkit.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One place for how numbers read, so that job reports, {@code %%compare}, {@code %space} and the
 * command line agree: durations in the unit that fits ({@code 260.5 ms}, not {@code 260,505.8 µs}),
 * counts with thousands separators, "1 entry" / "2 entries", ratios as {@code 3.1×}, times of day in
 * local time to the second.
 */
public final class Units {
    /** Local date and time to the second: what a person compares with their clock. */
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Units() {
    }

    /** A duration in the largest unit that keeps it at least 1: 850 ns, 34.6 µs, 260.5 ms, 2.61 s, 3 min 05 s. */
    public static String duration(long nanos) {
        long abs = Math.abs(nanos);
        if (abs < 1_000) {
            return nanos + " ns";
        }
        if (abs < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (abs < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (abs < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long s = Math.round(nanos / 1e9);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, Math.abs(s % 60));
    }

    /** A count with thousands separators: 2,000,000. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 entry", "2 entries", "1 column", "2,000 columns": the count and the word in the right number. */
    public static String count(long n, String singular) {
        return count(n) + " " + (n == 1 ? singular : plural(singular));
    }

    /** English plural of a unit word: entry → entries, class → classes, task → tasks. */
    static String plural(String word) {
        if (word.endsWith("y") && word.length() > 1 && "aeiou".indexOf(word.charAt(word.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.endsWith("s") || word.endsWith("x") || word.endsWith("ch") || word.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }

    /** A ratio for people, the same wherever one is shown: 0.83×, 3.1×, 31×, 32,000×. */
    public static String times(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "–";
        }
        if (ratio >= 100) {
            return String.format(Locale.ROOT, "%,d×", Math.round(ratio));
        }
        if (ratio >= 10) {
            return String.format(Locale.ROOT, "%.0f×", ratio);
        }
        return String.format(Locale.ROOT, ratio >= 1 ? "%.1f×" : "%.2f×", ratio);
    }

    /** A speedup (sum of task run times over wall time), as every report and comparison shows it: 1.83×. */
    public static String speedup(double speedup) {
        return String.format(Locale.ROOT, "%.2f×", speedup);
    }

    /** An instant as local date and time to the second, in this JVM's time zone: 2026-12-02 03:30:12. */
    public static String localTime(Instant t) {
        return t == null ? "?" : LOCAL_TIME.format(t.atZone(ZoneId.systemDefault()));
    }
}
