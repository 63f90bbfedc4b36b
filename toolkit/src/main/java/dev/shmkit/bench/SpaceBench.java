package dev.shmkit.bench;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shmkit bench space}: publish, attach, read and copy costs of a space, as JSON lines.
 * All ratios are measured in one run (the machine is shared and noisy); values are medians of
 * several passes unless the metric is a first ("cold") event.
 */
public final class SpaceBench {
    private static final int ROWS = 10_000_000;
    private static final int PASSES = 7;

    private SpaceBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir")), "shmkit-bench-");
        Table df = TableGenerator.rows(ROWS).doubles(4).seed(42).generate();
        long bytes = 32L * ROWS;
        long t0 = System.nanoTime();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            double open = (System.nanoTime() - t0) / 1e9;
            Json.print("publish", "open", "s", open, 1);
            long p0 = System.nanoTime();
            space.publish("w", df).close();
            double cold = (System.nanoTime() - p0) / 1e9;
            Json.print("publish_320MB", "cold", "s", cold, 1);
            Json.print("publish_320MB", "cold", "GB_per_s", bytes / cold / 1e9, 1);
            double[] warm = new double[PASSES];
            for (int i = 0; i < PASSES; i++) {
                long w0 = System.nanoTime();
                space.publish("w", df).close();
                warm[i] = (System.nanoTime() - w0) / 1e9;
            }
            Json.print("publish_320MB", "warm", "s", Stats.median(warm), PASSES);
            Json.print("publish_320MB", "warm", "GB_per_s", bytes / Stats.median(warm) / 1e9, PASSES);

            space.publish("t10MB", TableGenerator.rows(10_000_000 / 32).doubles(4).generate()).close();
            space.publish("t100MB", TableGenerator.rows(100_000_000 / 32).doubles(4).generate()).close();
            space.remove("w");
            df = null;
            space.publish("t1GB", TableGenerator.rows(1_000_000_000 / 32).doubles(4).generate()).close();
            try (ProbeProcess probe = ProbeProcess.start(dir)) {
                probe.attach("t10MB", 50); // warm the probe's attach path
                for (String name : new String[] {"t10MB", "t100MB", "t1GB"}) {
                    double[] ns = probe.attach(name, 200);
                    Json.print("attach_" + name.substring(1), "share", "ms", ns[0] / 1e6, 200);
                    Json.print("attach_" + name.substring(1), "share_min", "ms", ns[1] / 1e6, 200);
                }
                double[] read = new double[3];
                for (int i = 0; i < read.length; i++) {
                    read[i] = probe.read("t1GB") / 1e9;
                }
                Json.print("attach_read_1GB", "first", "s", read[0], 1);
                Json.print("attach_read_1GB", "share", "s", Stats.median(read), read.length);
            }
            sums(space);
            copies(space);
            w2(space, dir);
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            dir.resolve(".tmp").toFile().delete();
            dir.toFile().delete();
        }
    }

    /**
     * W2: move a 400 MB table of one long column to another process: publish (warm: the name is
     * republished) plus attach in an already running receiver.
     */
    private static void w2(SharedSpace space, Path dir) throws IOException {
        space.remove("t1GB");
        long[] values = new long[50_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 31L;
        }
        Table t = Table.create("w2", tech.tablesaw.api.LongColumn.create("v", values));
        try (ProbeProcess probe = ProbeProcess.start(dir)) {
            space.publish("w2", t).close();
            probe.attach("w2", 20);
            double[] total = new double[5];
            double[] pub = new double[5];
            for (int i = 0; i < total.length; i++) {
                long a = System.nanoTime();
                space.publish("w2", t).close();
                pub[i] = (System.nanoTime() - a) / 1e9;
                total[i] = pub[i] + probe.attach("w2", 1)[0] / 1e9;
            }
            Json.print("W2_400MB_long", "publish", "wall_s", Stats.median(pub), pub.length);
            Json.print("W2_400MB_long", "publish+attach", "wall_s", Stats.median(total), total.length);
        }
    }

    /** Mapped column sum vs the same loop over a heap double[] of the same values. */
    private static void sums(SharedSpace space) {
        try (SharedTable t = space.table("t1GB")) {
            var col = t.doubleColumn("x0");
            int n = col.size();
            double[] heap = new double[n];
            for (int i = 0; i < n; i++) {
                heap[i] = col.get(i);
            }
            double[] mapped = new double[PASSES];
            double[] onHeap = new double[PASSES];
            double sink = 0;
            for (int i = 0; i < PASSES; i++) {
                long a = System.nanoTime();
                sink += col.sum(0, n);
                mapped[i] = (System.nanoTime() - a) / 1e9;
                long b = System.nanoTime();
                sink += HeapLoops.sum(heap, 0, n);
                onHeap[i] = (System.nanoTime() - b) / 1e9;
            }
            double gbMapped = 8.0 * n / Stats.median(mapped) / 1e9;
            double gbHeap = 8.0 * n / Stats.median(onHeap) / 1e9;
            Json.print("sum_column", "mapped", "GB_per_s", gbMapped, PASSES);
            Json.print("sum_column", "heap", "GB_per_s", gbHeap, PASSES);
            Json.print("sum_column", "mapped_over_heap", "ratio", gbMapped / gbHeap, PASSES);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static void copies(SharedSpace space) {
        try (SharedTable t = space.table("t100MB")) {
            double[] s = new double[PASSES];
            for (int i = 0; i < PASSES; i++) {
                long a = System.nanoTime();
                Table copy = t.copyToTable();
                s[i] = (System.nanoTime() - a) / 1e9;
                if (copy.rowCount() != t.rowCount()) {
                    throw new IllegalStateException("copy lost rows");
                }
            }
            Json.print("copyToTable_100MB", "copy", "GB_per_s", t.mappedBytes() / Stats.median(s) / 1e9, PASSES);
        }
    }
}
