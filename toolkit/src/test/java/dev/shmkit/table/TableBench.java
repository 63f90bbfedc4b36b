package dev.shmkit.table;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark main (not a test): publishes 10M rows x 4 double columns (320 MB) into /dev/shm,
 * sums the mapped columns against a heap {@code double[]} loop of the same shape, and copies the
 * mapped table back into Tablesaw. Prints JSON lines; values are medians over the passes.
 *
 * <p>Run: {@code java <chronicle flags> -cp toolkit/target/test-classes:toolkit/target/classes:$(cat
 * toolkit/target/classpath.txt) dev.shmkit.table.TableBench [rows] [passes]}
 */
public final class TableBench {
    private TableBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir")), "shmkit-bench-");
        SplittableRandom r = new SplittableRandom(1);
        DoubleColumn[] cols = new DoubleColumn[4];
        double[][] heap = new double[4][];
        for (int c = 0; c < 4; c++) {
            heap[c] = new double[rows];
            for (int i = 0; i < rows; i++) {
                heap[c][i] = r.nextDouble();
            }
            cols[c] = DoubleColumn.create("c" + c, heap[c]);
        }
        Table table = Table.create("bench", cols);
        long bytes = 32L * rows;

        double[] publish = new double[passes];
        for (int p = 0; p < passes; p++) {
            Path f = dir.resolve("t" + p + ".arrow");
            long t0 = System.nanoTime();
            ArrowTableWriter.write(table, f);
            publish[p] = (System.nanoTime() - t0) / 1e9;
            if (p > 0) {
                Files.delete(dir.resolve("t" + (p - 1) + ".arrow"));
            }
        }
        emit("publish", "cold-first", "seconds", publish[0], rows);
        emit("publish", "cold-first", "GB/s", bytes / publish[0] / 1e9, rows);
        double warmPublish = median(Arrays.copyOfRange(publish, 1, passes));
        emit("publish", "fresh-file-warm-jit", "seconds", warmPublish, rows);
        emit("publish", "fresh-file-warm-jit", "GB/s", bytes / warmPublish / 1e9, rows);

        Path file = dir.resolve("t" + (passes - 1) + ".arrow");
        try (SharedTable st = SharedTable.open(file)) {
            double[] mapped = new double[passes];
            double[] onHeap = new double[passes];
            double sink = 0;
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < 4; c++) {
                    sink += st.doubleColumn("c" + c).sum();
                }
                mapped[p] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                for (int c = 0; c < 4; c++) {
                    sink += heapSum(heap[c], 0, rows);
                }
                onHeap[p] = (System.nanoTime() - t0) / 1e9;
            }
            double m = median(Arrays.copyOfRange(mapped, 1, passes));
            double h = median(Arrays.copyOfRange(onHeap, 1, passes));
            emit("sum", "mapped", "GB/s", bytes / m / 1e9, rows);
            emit("sum", "heap", "GB/s", bytes / h / 1e9, rows);
            emit("sum", "mapped/heap", "ratio", h / m, rows);
            emit("sum", "mapped-first-pass", "GB/s", bytes / mapped[0] / 1e9, rows);

            double[] copy = new double[passes];
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                Table t = st.copyToTable();
                copy[p] = (System.nanoTime() - t0) / 1e9;
                sink += t.doubleColumn("c0").getDouble(rows - 1);
            }
            emit("copyToTable", "mapped->tablesaw", "GB/s", bytes / median(Arrays.copyOfRange(copy, 1, passes)) / 1e9, rows);
            emit("copyToTable", "mapped->tablesaw-first", "GB/s", bytes / copy[0] / 1e9, rows);
            if (sink == 42) {
                System.out.println();
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Same shape as the mapped loop: four independent accumulators. */
    static double heapSum(double[] a, int from, int to) {
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

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void emit(String workload, String variant, String metric, double value, int n) {
        System.out.println(String.format(Locale.ROOT,
                "{\"workload\":\"%s\",\"variant\":\"%s\",\"metric\":\"%s\",\"value\":%.4f,\"n\":%d}",
                workload, variant, metric, value, n));
    }
}
