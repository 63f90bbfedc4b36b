package dev.shmkit.bench;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.TaskReport;
import dev.shmkit.pool.WorkerPool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W6 of {@code ./shmkit bench jobs}: one task returning a 50 MiB {@code double[]}, through the control
 * socket (result segments off) vs through a result segment (the default above 1 MiB). Variants are
 * interleaved run by run. Reports the
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
        List<String> variants = List.of("socket", "segment");
        Map<String, List<Double>> wall = new HashMap<>();
        Map<String, List<Double>> result = new HashMap<>();
        Map<String, TaskReport> last = new HashMap<>();
        for (int i = 0; i <= REPS; i++) {
            for (String variant : variants) {  // interleaved, so a load change on the machine hits both alike
                JobOptions o = JobOptions.defaults().name("w6-" + variant).chunkSize(1)
                        .resultSegmentThreshold(variant.equals("socket") ? JobOptions.NO_RESULT_SEGMENTS
                                : JobOptions.DEFAULT_RESULT_SEGMENT_BYTES);
                long t0 = System.nanoTime();
                try (JobResult<double[]> r = pool.mapItems(List.of(DOUBLES), ResultBench::fill, o)) {
                    double[] a = r.values().get(0);
                    long w = System.nanoTime() - t0;
                    if (a.length != DOUBLES || a[DOUBLES - 1] != DOUBLES - 1) {
                        throw new IllegalStateException("wrong W6 result");
                    }
                    TaskReport t = r.report().tasks().get(0);
                    last.put(variant, t);
                    if (i > 0) {
                        wall.computeIfAbsent(variant, k -> new ArrayList<>()).add(w / 1e6);
                        result.computeIfAbsent(variant, k -> new ArrayList<>()).add(t.resultNanos() / 1e6);
                    }
                }
            }
        }
        for (String variant : variants) {
            Json.print("W6", variant, "wall_ms", median(wall.get(variant)), REPS);
            Json.print("W6", variant, "wall_ms_best", wall.get(variant).stream().mapToDouble(Double::doubleValue).min()
                    .orElse(0), REPS);
            Json.print("W6", variant, "result_ms", median(result.get(variant)), REPS);
            Json.print("W6", variant, "result_bytes_inline", last.get(variant).resultBytes(), 1);
            Json.print("W6", variant, "result_bytes_mapped", last.get(variant).resultSegmentBytes(), 1);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
