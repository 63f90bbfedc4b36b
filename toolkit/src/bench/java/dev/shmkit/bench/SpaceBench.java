package dev.shmkit.bench;

import dev.shmkit.array.SharedLongArray;
import dev.shmkit.data.TableGenerator;
import dev.shmkit.ipc.PipeTransfer;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;

/**
 * {@code shmkit bench space [huge]}: publish, attach, read and copy costs of a space, as JSON lines.
 * All ratios are measured in one run (the machine is shared and noisy); values are medians of
 * several passes unless the metric is a first ("cold") event. Tables are published into the default
 * space as {@code bench-*} entries (see {@link BenchSpace}) and removed at the end. Then publish and W2
 * again on a tmpfs with 2 MiB pages that it mounts itself ({@link HugeTmpfs}; variants {@code huge_tmpfs_*};
 * one {@code skipped} line saying why when mounting is refused). With {@code huge}, only that part runs,
 * so its first publish is a cold one.
 */
public final class SpaceBench {
    private static final int ROWS = 10_000_000;
    private static final int PASSES = 7;
    private static final String W = BenchSpace.name("w");
    private static final String T10MB = BenchSpace.name("t10MB");
    private static final String T100MB = BenchSpace.name("t100MB");
    private static final String T1GB = BenchSpace.name("t1GB");
    private static final String W2 = BenchSpace.name("w2");
    private static final String W2_BORN = BenchSpace.name("w2born");
    /** W2's column: 50M longs, 400 MB. */
    private static final int W2_ROWS = 50_000_000;
    private static final int W2_PASSES = 5;

    private SpaceBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean hugeOnly = args.length > 0 && args[0].equals("huge");
        if (args.length > (hugeOnly ? 1 : 0)) {
            throw new IllegalArgumentException("usage: shmkit bench space [huge]; got " + String.join(" ", args));
        }
        if (!hugeOnly) {
            defaultSpace();
        }
        onHugeTmpfs(hugeOnly ? "cold" : "first");
    }

    private static void defaultSpace() throws IOException {
        long t0 = System.nanoTime();
        try (SharedSpace space = BenchSpace.open()) {
            Json.print("publish", "open", "s", (System.nanoTime() - t0) / 1e9, 1);
            try {
                run(space);
            } finally {
                for (String name : new String[] {W, T10MB, T100MB, T1GB, W2, W2_BORN}) {
                    space.remove(name);
                }
            }
        }
    }

    /**
     * The same publish and W2 figures in a space on a tmpfs with 2 MiB pages mounted for the run (then
     * unmounted); {@code first} names the first publish ({@code cold} when nothing ran before in this JVM).
     */
    private static void onHugeTmpfs(String first) throws IOException {
        HugeTmpfs mount = HugeTmpfs.mount();
        if (mount == null) {
            return;
        }
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(mount.dir().resolve("space")))) {
            Json.print("huge_tmpfs", "pages_2MiB", "bool", space.devicePages().huge() ? 1 : 0, 1);
            publish320(space, "huge_tmpfs_" + first, "huge_tmpfs_warm");
            space.remove(W);
            w2(space, "huge_tmpfs_");
        } finally {
            mount.close();
        }
    }

    /** publish_320MB: the first publish of 10M rows x 4 doubles, then the median of republishing it. */
    private static void publish320(SharedSpace space, String firstVariant, String warmVariant) {
        Table df = TableGenerator.rows(ROWS).doubles(4).seed(42).generate();
        long bytes = 32L * ROWS;
        long p0 = System.nanoTime();
        space.publish(W, df).close();
        double cold = (System.nanoTime() - p0) / 1e9;
        Json.print("publish_320MB", firstVariant, "s", cold, 1);
        Json.print("publish_320MB", firstVariant, "GB_per_s", bytes / cold / 1e9, 1);
        double[] warm = new double[PASSES];
        for (int i = 0; i < PASSES; i++) {
            long w0 = System.nanoTime();
            space.publish(W, df).close();
            warm[i] = (System.nanoTime() - w0) / 1e9;
        }
        Json.print("publish_320MB", warmVariant, "s", Stats.median(warm), PASSES);
        Json.print("publish_320MB", warmVariant, "GB_per_s", bytes / Stats.median(warm) / 1e9, PASSES);
    }

    private static void run(SharedSpace space) throws IOException {
        publish320(space, "cold", "warm");

        space.publish(T10MB, TableGenerator.rows(10_000_000 / 32).doubles(4).generate()).close();
        space.publish(T100MB, TableGenerator.rows(100_000_000 / 32).doubles(4).generate()).close();
        space.remove(W);
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
        space.remove(T1GB);
        w2(space, "");
    }

    /**
     * W2: move 400 MB of longs to another process (an already running receiver): a one-column Tablesaw
     * table published (warm: the name is republished), plus the receiver's attach; and "born shared",
     * the zero-copy way: the longs written straight into a {@code SharedLongArray} by the code that makes
     * them, then {@code publish()} (the draft is sealed in place, nothing copied) and the receiver's attach.
     */
    private static void w2(SharedSpace space, String prefix) throws IOException {
        long[] values = new long[W2_ROWS];
        double[] heapWrite = new double[W2_PASSES];
        for (int p = 0; p < W2_PASSES; p++) {
            long a = System.nanoTime();
            fill(values);
            heapWrite[p] = (System.nanoTime() - a) / 1e9;
        }
        Table t = Table.create("w2", tech.tablesaw.api.LongColumn.create("v", values));
        try (PipeTransfer probe = PipeTransfer.start(space.directory())) {
            space.publish(W2, t).close();
            probe.attach(W2, 20);
            double[] total = new double[W2_PASSES];
            double[] pub = new double[W2_PASSES];
            for (int i = 0; i < total.length; i++) {
                long a = System.nanoTime();
                space.publish(W2, t).close();
                pub[i] = (System.nanoTime() - a) / 1e9;
                total[i] = pub[i] + probe.attach(W2, 1)[0] / 1e9;
            }
            Json.print("W2_400MB_long", prefix + "publish", "wall_s", Stats.median(pub), pub.length);
            Json.print("W2_400MB_long", prefix + "publish+attach", "wall_s", Stats.median(total), total.length);
            space.remove(W2);
            t = null;
            values = null;
            bornShared(space, probe, prefix, heapWrite);
        }
    }

    /**
     * W2 born shared: written into shared memory where it is made; publishing seals it in place. Each pass
     * makes a new version, so its publish includes giving the previous version's pages back (unlinking
     * 400 MB takes ~0.05 s with 4 KiB pages, ~1 ms with 2 MiB pages), as a republished table's does.
     */
    private static void bornShared(SharedSpace space, PipeTransfer probe, String prefix, double[] heapWrite) throws IOException {
        double[] write = new double[W2_PASSES];
        double[] pub = new double[W2_PASSES];
        double[] total = new double[W2_PASSES];
        for (int i = -1; i < W2_PASSES; i++) { // pass -1 warms the write loop and the receiver's array attach
            long a = System.nanoTime();
            SharedLongArray arr = space.allocateLongs(W2_BORN, W2_ROWS);
            fill(arr);
            long b = System.nanoTime();
            arr.publish();
            long c = System.nanoTime();
            arr.close();
            double attach = probe.attachArray(W2_BORN, i < 0 ? 5 : 1)[0] / 1e9;
            if (i >= 0) {
                write[i] = (b - a) / 1e9;
                pub[i] = (c - b) / 1e9;
                total[i] = pub[i] + attach;
            }
        }
        Json.print("W2_400MB_long", prefix + "born_shared_write", "wall_s", Stats.median(write), W2_PASSES);
        Json.print("W2_400MB_long", prefix + "heap_write", "wall_s", Stats.median(heapWrite), W2_PASSES);
        Json.print("W2_400MB_long", prefix + "born_shared_publish", "wall_s", Stats.median(pub), W2_PASSES);
        Json.print("W2_400MB_long", prefix + "born_shared_publish+attach", "wall_s", Stats.median(total), W2_PASSES);
        space.remove(W2_BORN);
    }

    /** W2's values, the same loop on the heap and in shared memory. */
    private static void fill(long[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 31L;
        }
    }

    private static void fill(SharedLongArray values) {
        int n = values.length();
        for (int i = 0; i < n; i++) {
            values.set(i, i * 31L);
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
