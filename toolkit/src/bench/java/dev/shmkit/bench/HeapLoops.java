package dev.shmkit.bench;

/**
 * Reference loops over heap arrays with the same shape as the mapped views' bulk loops (four
 * independent accumulators), so "mapped vs heap" compares memory, not loop structure.
 */
public final class HeapLoops {
    private HeapLoops() {
    }

    /** Sum of {@code a[from, to)} with four accumulators, NaN-propagating like the dense mapped path. */
    public static double sum(double[] a, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
