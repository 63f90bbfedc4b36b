package dev.shmkit.bench;

import java.util.Arrays;

/** Medians of repeated measurements: this machine is shared and noisy, so one pass proves little. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
