package dev.shmkit.bench;

import java.util.Locale;

/** One benchmark measurement as a JSON line: {@code {"workload":..,"variant":..,"metric":..,"value":..,"n":..}}. */
public final class Json {
    private Json() {
    }

    public static String line(String workload, String variant, String metric, double value, long n) {
        return String.format(Locale.ROOT, "{\"workload\":\"%s\",\"variant\":\"%s\",\"metric\":\"%s\",\"value\":%.6g,\"n\":%d}",
                workload, variant, metric, value, n);
    }

    public static void print(String workload, String variant, String metric, double value, long n) {
        System.out.println(line(workload, variant, metric, value, n));
    }
}
