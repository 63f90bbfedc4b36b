package dev.shmkit.bench;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.TaskReport;
import dev.shmkit.pool.WorkerPool;

import java.util.ArrayList;
import java.util.List;

/**
 * W6 of {@code ./shmkit bench jobs}: one task returning a 50 MiB {@code double[]}, through the control
 * socket (result segments off) vs through a result segment (the default above 1 MiB). Reports the
 * job's wall time, the task's result time (serializing or writing in the worker plus reading in the
 * parent), and the bytes inline vs mapped; medians of {@link #REPS} runs after one warm-up each.
 */
final class ResultBench {
    /** 50 MiB of doubles, the "50 MB double[] result". */
    static final int DOUBLES = 50 * (1 << 20) / 8;
    /** Runs per variant (after one warm-up): enough for a median on a noisy 2-core machine. */
    private static final int REPS = Integer.getInteger("bench.w6Reps", 7);

    private ResultBench() {
    }

    static double[] fill(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static void w6(WorkerPool pool) {
        for (String variant : List.of("socket", "segment")) {
            JobOptions o = JobOptions.defaults().name("w6-" + variant).chunkSize(1)
                    .resultSegmentThreshold(variant.equals("socket") ? JobOptions.NO_RESULT_SEGMENTS
                            : JobOptions.DEFAULT_RESULT_SEGMENT_BYTES);
            List<Double> wall = new ArrayList<>();
            List<Double> result = new ArrayList<>();
            TaskReport last = null;
            for (int i = 0; i <= REPS; i++) {
                long t0 = System.nanoTime();
                try (JobResult<double[]> r = pool.mapItems(List.of(DOUBLES), ResultBench::fill, o)) {
                    double[] a = r.values().get(0);
                    long w = System.nanoTime() - t0;
                    if (a.length != DOUBLES || a[DOUBLES - 1] != DOUBLES - 1) {
                        throw new IllegalStateException("wrong W6 result");
                    }
                    last = r.report().tasks().get(0);
                    if (i > 0) {
                        wall.add(w / 1e6);
                        result.add(last.resultNanos() / 1e6);
                    }
                }
            }
            Json.print("W6", variant, "wall_ms", median(wall), REPS);
            Json.print("W6", variant, "result_ms", median(result), REPS);
            Json.print("W6", variant, "result_bytes_inline", last.resultBytes(), 1);
            Json.print("W6", variant, "result_bytes_mapped", last.resultSegmentBytes(), 1);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
