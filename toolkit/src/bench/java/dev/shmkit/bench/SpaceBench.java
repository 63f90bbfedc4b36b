package dev.shmkit.bench;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.ipc.PipeTransfer;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;

/**
 * {@code shmkit bench space}: publish, attach, read and copy costs of a space, as JSON lines.
 * All ratios are measured in one run (the machine is shared and noisy); values are medians of
 * several passes unless the metric is a first ("cold") event. Tables are published into the default
 * space as {@code bench-*} entries (see {@link BenchSpace}) and removed at the end.
 */
public final class SpaceBench {
    private static final int ROWS = 10_000_000;
    private static final int PASSES = 7;
    private static final String W = BenchSpace.name("w");
    private static final String T10MB = BenchSpace.name("t10MB");
    private static final String T100MB = BenchSpace.name("t100MB");
    private static final String T1GB = BenchSpace.name("t1GB");
    private static final String W2 = BenchSpace.name("w2");

    private SpaceBench() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        try (SharedSpace space = BenchSpace.open()) {
            Json.print("publish", "open", "s", (System.nanoTime() - t0) / 1e9, 1);
            try {
                run(space);
            } finally {
                for (String name : new String[] {W, T10MB, T100MB, T1GB, W2}) {
                    space.remove(name);
                }
            }
        }
    }

    private static void run(SharedSpace space) throws IOException {
        Table df = TableGenerator.rows(ROWS).doubles(4).seed(42).generate();
        long bytes = 32L * ROWS;
        long p0 = System.nanoTime();
        space.publish(W, df).close();
        double cold = (System.nanoTime() - p0) / 1e9;
        Json.print("publish_320MB", "cold", "s", cold, 1);
        Json.print("publish_320MB", "cold", "GB_per_s", bytes / cold / 1e9, 1);
        double[] warm = new double[PASSES];
        for (int i = 0; i < PASSES; i++) {
            long w0 = System.nanoTime();
            space.publish(W, df).close();
            warm[i] = (System.nanoTime() - w0) / 1e9;
        }
        Json.print("publish_320MB", "warm", "s", Stats.median(warm), PASSES);
        Json.print("publish_320MB", "warm", "GB_per_s", bytes / Stats.median(warm) / 1e9, PASSES);

        space.publish(T10MB, TableGenerator.rows(10_000_000 / 32).doubles(4).generate()).close();
        space.publish(T100MB, TableGenerator.rows(100_000_000 / 32).doubles(4).generate()).close();
        space.remove(W);
        df = null;
        space.publish(T1GB, TableGenerator.rows(1_000_000_000 / 32).doubles(4).generate()).close();
        try (PipeTransfer probe = PipeTransfer.start(space.directory())) {
            probe.attach(T10MB, 50); // warm the probe's attach path
            for (String name : new String[] {T10MB, T100MB, T1GB}) {
                double[] ns = probe.attach(name, 200);
                String size = name.substring(BenchSpace.PREFIX.length() + 1);
                Json.print("attach_" + size, "share", "ms", ns[0] / 1e6, 200);
                Json.print("attach_" + size, "share_min", "ms", ns[1] / 1e6, 200);
            }
            double[] read = new double[3];
            for (int i = 0; i < read.length; i++) {
                read[i] = probe.read(T1GB) / 1e9;
            }
            Json.print("attach_read_1GB", "first", "s", read[0], 1);
            Json.print("attach_read_1GB", "share", "s", Stats.median(read), read.length);
        }
        sums(space);
        copies(space);
        w2(space);
    }

    /**
     * W2: move a 400 MB table of one long column to another process: publish (warm: the name is
     * republished) plus attach in an already running receiver.
     */
    private static void w2(SharedSpace space) throws IOException {
        space.remove(T1GB);
        long[] values = new long[50_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 31L;
        }
        Table t = Table.create("w2", tech.tablesaw.api.LongColumn.create("v", values));
        try (PipeTransfer probe = PipeTransfer.start(space.directory())) {
            space.publish(W2, t).close();
            probe.attach(W2, 20);
            double[] total = new double[5];
            double[] pub = new double[5];
            for (int i = 0; i < total.length; i++) {
                long a = System.nanoTime();
                space.publish(W2, t).close();
                pub[i] = (System.nanoTime() - a) / 1e9;
                total[i] = pub[i] + probe.attach(W2, 1)[0] / 1e9;
            }
            Json.print("W2_400MB_long", "publish", "wall_s", Stats.median(pub), pub.length);
            Json.print("W2_400MB_long", "publish+attach", "wall_s", Stats.median(total), total.length);
        }
    }

    /** Mapped column sum vs the same loop over a heap double[] of the same values. */
    private static void sums(SharedSpace space) {
        try (SharedTable t = space.table(T1GB)) {
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
        try (SharedTable t = space.table(T100MB)) {
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
