package dev.shmkit.object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark main (not a test): put/get of a {@code Map<String,double[]>} of 100 MB in total.
 * Prints JSON lines {@code {"workload":..,"variant":..,"metric":..,"value":..,"n":..}}.
 * Usage: {@code ObjectBench [dir] [repetitions]}; dir defaults to /dev/shm.
 */
public final class ObjectBench {
    private static final int ARRAYS = 10;
    private static final int ELEMENTS = 1_250_000; // 10 MB per array, 100 MB in total

    private ObjectBench() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/dev/shm");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, double[]> value = new LinkedHashMap<>();
        for (int k = 0; k < ARRAYS; k++) {
            double[] a = new double[ELEMENTS];
            for (int i = 0; i < a.length; i++) {
                a[i] = k + i * 1e-3;
            }
            value.put("a" + k, a);
        }
        long bytes = (long) ARRAYS * ELEMENTS * Double.BYTES;
        String workload = "map_string_double_array_100MB";
        for (int r = 0; r < reps; r++) {
            Path file = dir.resolve("shmkit-objbench-" + ProcessHandle.current().pid() + "-" + r);
            try {
                long t0 = System.nanoTime();
                long written = ObjectWriter.write(value, file, ProcessHandle.current().pid());
                long t1 = System.nanoTime();
                emit(workload, "write", "GB/s", written / (double) (t1 - t0), r);
                emit(workload, "write", "ms", (t1 - t0) / 1e6, r);

                long t2 = System.nanoTime();
                double check;
                try (ObjectSegment seg = ObjectSegment.open(file)) {
                    DoubleArrayView v = seg.doubles("[a3]");
                    long t3 = System.nanoTime();
                    emit(workload, "zero_copy_view_open", "ms", (t3 - t2) / 1e6, r);
                    long t4 = System.nanoTime();
                    check = v.sum();
                    long t5 = System.nanoTime();
                    emit(workload, "zero_copy_view_sum_one_array", "GB/s",
                            v.length() * 8.0 / (t5 - t4), r);

                    long t6 = System.nanoTime();
                    @SuppressWarnings("unchecked")
                    Map<String, double[]> back = seg.read(Map.class);
                    long t7 = System.nanoTime();
                    emit(workload, "read_copy", "GB/s", bytes / (double) (t7 - t6), r);
                    emit(workload, "read_copy", "ms", (t7 - t6) / 1e6, r);
                    if (back.get("a3")[77] != value.get("a3")[77]) {
                        throw new IllegalStateException("read back wrong value");
                    }
                }
                if (Double.isNaN(check)) {
                    throw new IllegalStateException("NaN sum");
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void emit(String workload, String variant, String metric, double value, int n) {
        System.out.println(String.format(Locale.ROOT,
                "{\"workload\":\"%s\",\"variant\":\"%s\",\"metric\":\"%s\",\"value\":%.3f,\"n\":%d}",
                workload, variant, metric, value, n));
    }
}
