package dev.shmkit.bench;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark main (not a test): prints JSON lines {@code {"workload","variant","metric","value","n"}}.
 * <ul>
 * <li>start: a pool of 2 warm workers ready (wall seconds, median of {@code -Dbench.starts}, default 5; and the CPU
 * seconds both workers used by then, which a loaded machine disturbs far less); then a
 * job sent at once (2,000 items, chunk size 1) and the same job again: their ratio says whether the pool was warm</li>
 * <li>W3: 100,000 tiny items {@code x -> x * x}, chunk size 1 and automatic (microseconds per item)</li>
 * <li>W1: a 10M-row x 4-double table, 100 tasks each summing column 0 over 1/100 of the rows, shared
 * (first batch, repeated), in copy mode and in proxy mode (the sum, one request per task; a scan of the
 * rows with {@code forEach}, every value moved; 10 single-row gets per task); the table is published into the default space as
 * {@code bench-w1} (see {@link BenchSpace}) and removed at the end</li>
 * <li>W5: a derived column {@code y = f(x)} over 10M rows written by the pool into a shared output table,
 * returned over the socket, and computed in one process ({@link DerivedColumnBench})</li>
 * <li>W6: one task returning a 50 MiB {@code double[]}, via the socket vs via a result segment ({@link ResultBench})</li>
 * </ul>
 * Run: {@code ./shmkit bench jobs [start|w3|w1|w5|w6]...}
 */
public final class JobBench {
    /** Worker heap: copy mode holds a few copies of the 320 MB table per task; keep the machine out of swap. */
    private static final String WORKER_HEAP = "2g";
    private static final int W3_ITEMS = 100_000;
    private static final int W1_ROWS = 10_000_000;
    private static final int W1_TASKS = 100;
    /** Copy-mode tasks; each carries the whole 320 MB table ({@code -Dbench.copyTasks}, default all 100). */
    private static final int COPY_TASKS = Integer.getInteger("bench.copyTasks", W1_TASKS);
    /** Repeated share-mode W1 jobs ({@code -Dbench.w1Reps}; raise it to profile the per-task path). */
    private static final int W1_REPS = Integer.getInteger("bench.w1Reps", 20);
    /**
     * Share-mode W1 jobs run before the steady figures ({@code -Dbench.w1Steady}; 0 skips them): on two cores
     * the JIT of the parent's and workers' task paths is still running during the first few hundred jobs.
     */
    private static final int W1_STEADY_AFTER = Integer.getInteger("bench.w1Steady", 300);
    /** Extra worker JVM flags, space-separated ({@code -Dbench.workerFlags}, e.g. a JFR recording). */
    private static final String WORKER_FLAGS = System.getProperty("bench.workerFlags", "");
    /** Pool starts measured by {@code start} ({@code -Dbench.starts}). */
    private static final int STARTS = Integer.getInteger("bench.starts", 5);
    /** Items of the job sent at once after each start (chunk size 1: every item a task round trip). */
    private static final int START_JOB_ITEMS = 2_000;

    private JobBench() {
    }

    /** Runs the named workloads ({@code start}, {@code w3}, {@code w1}, {@code w5}, {@code w6}; all by default). */
    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("start", "w3", "w1", "w5", "w6") : Arrays.asList(args);
        if (which.contains("start")) {
            start();
            if (which.size() == 1) {
                return; // no pool of the other workloads (its -Xmx would be one more worker archive to make)
            }
        }
        PoolOptions options = withWorkerFlags(PoolOptions.defaults().workers(2).heap(WORKER_HEAP));
        try (WorkerPool pool = WorkerPool.start(options)) {
            if (which.contains("w3")) {
                w3(pool);
            }
            if (which.contains("w1")) {
                w1(pool);
            }
            if (which.contains("w5")) {
                DerivedColumnBench.run(pool);
            }
            if (which.contains("w6")) {
                ResultBench.w6(pool);
            }
        }
    }

    private static void emit(String workload, String variant, String metric, double value, long n) {
        Json.print(workload, variant, metric, value, n);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static PoolOptions withWorkerFlags(PoolOptions options) {
        for (String f : WORKER_FLAGS.trim().split("\\s+")) {
            if (!f.isEmpty()) {
                options = options.jvmFlag(f);
            }
        }
        return options;
    }

    private static void start() {
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        List<Double> firstJobs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            long t0 = System.nanoTime();
            WorkerPool pool = WorkerPool.start(withWorkerFlags(PoolOptions.defaults().workers(2)));
            walls.add((System.nanoTime() - t0) / 1e9);
            cpus.add(pool.workers().stream().mapToLong(w -> CpuTime.processNanos(w.pid())).sum() / 1e9);
            double first = startProbeJob(pool);
            double again = startProbeJob(pool);
            firstJobs.add(first);
            ratios.add(first / again);
            pool.close();
        }
        emit("start", "2 warm workers", "wall_s", median(walls), 2);
        emit("start", "2 warm workers", "worker_cpu_s", median(cpus), 2);
        emit("start", "first job at once", "wall_s", median(firstJobs), STARTS);
        emit("start", "first job/second job", "wall_ratio", median(ratios), STARTS);
        System.err.println("start walls=" + walls + " worker cpu=" + cpus + " first jobs=" + firstJobs);
    }

    /** The job sent the moment a pool is up: is it warm? {@link #START_JOB_ITEMS} items, chunk size 1 (wall seconds). */
    private static double startProbeJob(WorkerPool pool) {
        List<Integer> items = IntStream.range(0, START_JOB_ITEMS).boxed().collect(Collectors.toList());
        SerializableFunction<Integer, Integer> sq = x -> x * x;
        long t0 = System.nanoTime();
        JobResult<Integer> r = pool.mapItems(items, sq, JobOptions.defaults().chunkSize(1));
        double wall = (System.nanoTime() - t0) / 1e9;
        if (r.values().get(START_JOB_ITEMS - 1) != (START_JOB_ITEMS - 1) * (START_JOB_ITEMS - 1)) {
            throw new IllegalStateException("wrong start probe result");
        }
        return wall;
    }

    private static void w3(WorkerPool pool) {
        List<Integer> items = IntStream.range(0, W3_ITEMS).boxed().collect(Collectors.toList());
        SerializableFunction<Integer, Integer> sq = x -> x * x;
        for (int chunk : new int[] {1, 0}) {
            JobOptions o = JobOptions.defaults().chunkSize(chunk);
            int reps = chunk == 1 ? 5 : 20;
            pool.mapItems(items, sq, o);  // warm-up: JIT in parent and workers
            List<Double> us = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                JobResult<Integer> r = pool.mapItems(items, sq, o);
                us.add((System.nanoTime() - t0) / 1e3 / W3_ITEMS);
                if (r.values().size() != W3_ITEMS || r.values().get(W3_ITEMS - 1) != (W3_ITEMS - 1) * (W3_ITEMS - 1)) {
                    throw new IllegalStateException("wrong W3 result");
                }
            }
            String variant = chunk == 1 ? "chunk=1" : "chunk=auto";
            if (chunk == 0) {
                System.err.println(pool.mapItems(items, sq, o).report());
            }
            emit("W3", variant, "us_per_item", median(us), W3_ITEMS);
            emit("W3", variant, "us_per_item_best", us.stream().mapToDouble(Double::doubleValue).min().orElse(0), W3_ITEMS);
        }
    }

    private static void w1(WorkerPool pool) throws Exception {
        String name = BenchSpace.name("w1");
        try (SharedSpace space = BenchSpace.open()) {
            try {
                runW1(pool, space, name);
            } finally {
                space.remove(name);
            }
        }
    }

    private static void runW1(WorkerPool pool, SharedSpace space, String name) {
        Random rnd = new Random(42);
        DoubleColumn[] cols = new DoubleColumn[4];
        for (int c = 0; c < 4; c++) {
            double[] v = new double[W1_ROWS];
            for (int i = 0; i < W1_ROWS; i++) {
                v[i] = rnd.nextDouble();
            }
            cols[c] = DoubleColumn.create("c" + c, v);
        }
        long t0 = System.nanoTime();
        SharedTable table = space.publish(name, Table.create("w1", cols));
        emit("W1", "publish", "wall_s", (System.nanoTime() - t0) / 1e9, W1_ROWS);
        double expected = 0;
        for (int i = 0; i < W1_ROWS; i++) {
            expected += cols[0].getDouble(i);
        }
        cols = null;  // 320 MB the parent need not hold while copy mode runs
        try (table) {
            RowTask<Double> sum = (view, r) -> view.doubleColumn("c0").sum(r.from(), r.to());
            JobOptions share = JobOptions.defaults().chunkCount(W1_TASKS).name("w1-share");
            long s0 = System.nanoTime();
            JobResult<Double> first = pool.map(table, sum, share);
            double firstWall = (System.nanoTime() - s0) / 1e9;
            check(first, expected);
            emit("W1", "share first batch", "wall_s", firstWall, W1_TASKS);
            System.err.println(first.report());
            double shareWall = repeatedShare(pool, table, sum, share, expected, "share repeated");
            if (W1_STEADY_AFTER > 0) {
                for (int i = 0; i < W1_STEADY_AFTER; i++) {
                    pool.map(table, sum, share);
                }
                repeatedShare(pool, table, sum, share, expected, "share steady (after " + W1_STEADY_AFTER + " jobs)");
            }
            long c0 = System.nanoTime();
            JobResult<Double> copy = pool.map(table, sum, share.copyTable().name("w1-copy").chunkCount(COPY_TASKS));
            double copyWall = (System.nanoTime() - c0) / 1e9;
            check(copy, expected);
            System.err.println(copy.report());
            emit("W1", "copy", "wall_s", copyWall, COPY_TASKS);
            emit("W1", "copy", "bytes_copied", copy.report().bytesCopied(), COPY_TASKS);
            emit("W1", "copy/share", "wall_ratio", copyWall / shareWall, COPY_TASKS);
            emit("W1", "copy/share", "per_task_wall_ratio", (copyWall / COPY_TASKS) / (shareWall / W1_TASKS), COPY_TASKS);
            w1Proxy(pool, table, sum, share, expected, shareWall);
        }
    }

    /** Runs the share-mode W1 job {@link #W1_REPS} times, emits its figures as {@code variant}; returns the median wall. */
    private static double repeatedShare(WorkerPool pool, SharedTable table, RowTask<Double> sum, JobOptions share,
                                        double expected, String variant) {
        List<Double> walls = new ArrayList<>();
        JobResult<Double> last = null;
        long[] workerPids = pool.workers().stream().mapToLong(w -> w.pid()).toArray();
        long self = ProcessHandle.current().pid();
        long parentCpu0 = CpuTime.nanos(self);
        long workerCpu0 = CpuTime.nanos(workerPids);
        long runNanos = 0;
        for (int i = 0; i < W1_REPS; i++) {
            long r0 = System.nanoTime();
            last = pool.map(table, sum, share);
            walls.add((System.nanoTime() - r0) / 1e9);
            runNanos += last.report().tasks().stream().mapToLong(t -> t.runNanos()).sum();
        }
        long parentCpu = CpuTime.nanos(self) - parentCpu0;
        long workerCpu = CpuTime.nanos(workerPids) - workerCpu0;
        check(last, expected);
        double wall = median(walls);
        long taskCount = (long) W1_REPS * W1_TASKS;
        emit("W1", variant, "parent_cpu_us_per_task", parentCpu / 1e3 / taskCount, taskCount);
        emit("W1", variant, "worker_cpu_us_per_task", workerCpu / 1e3 / taskCount, taskCount);
        emit("W1", variant, "worker_cpu_minus_run_us_per_task", (workerCpu - runNanos) / 1e3 / taskCount, taskCount);
        emit("W1", variant, "wall_s", wall, W1_TASKS);
        emit("W1", variant, "overhead_per_task_us", last.report().overheadPerTaskNanos() / 1e3, W1_TASKS);
        emit("W1", variant, "bytes_copied", last.report().bytesCopied(), W1_TASKS);
        emit("W1", variant, "bytes_mapped", last.report().bytesMapped(), W1_TASKS);
        System.err.println(last.report());
        return wall;
    }

    /** W1 in proxy mode, three task shapes: a sum (the parent computes it), a forEach scan (every value moves), 10 gets. */
    private static void w1Proxy(WorkerPool pool, SharedTable table, RowTask<Double> sum, JobOptions share, double expected,
                                double shareWall) {
        RowTask<Double> scan = (view, r) -> {
            double[] s = {0};
            view.doubleColumn("c0").forEach(r.from(), r.to(), x -> s[0] += x);
            return s[0];
        };
        RowTask<Double> tenGets = (view, r) -> {
            double s = 0;
            for (int i = 0; i < 10; i++) {
                s += view.doubleColumn("c0").get(r.from() + i);
            }
            return s;
        };
        JobOptions proxy = share.proxy();
        pool.map(table, sum, proxy.name("w1-proxy warm-up"));  // JIT of the parent's answering path
        List<Object[]> shapes = List.of(new Object[] {"proxy sum", sum, true}, new Object[] {"proxy scan", scan, true},
                new Object[] {"proxy 10 gets", tenGets, false});
        for (Object[] shape : shapes) {
            String variant = (String) shape[0];
            @SuppressWarnings("unchecked")
            RowTask<Double> task = (RowTask<Double>) shape[1];
            long p0 = System.nanoTime();
            JobResult<Double> r = pool.map(table, task, proxy.name("w1-" + variant.replace(' ', '-')));
            double wall = (System.nanoTime() - p0) / 1e9;
            if ((Boolean) shape[2]) {
                check(r, expected);
            }
            System.err.println(r.report());
            emit("W1", variant, "wall_s", wall, W1_TASKS);
            emit("W1", variant, "requests", r.report().proxyRequests(), W1_TASKS);
            emit("W1", variant, "bytes_moved", r.report().proxyBytes(), W1_TASKS);
            emit("W1", variant, "wait_us_per_request", r.report().proxyWaitNanos() / 1e3 / Math.max(1, r.report().proxyRequests()),
                    r.report().proxyRequests());
            emit("W1", variant + "/share", "wall_ratio", wall / shareWall, W1_TASKS);
        }
    }

    private static void check(JobResult<Double> r, double expected) {
        double got = r.reduce(0.0, Double::sum);
        if (Math.abs(got - expected) > 1e-6 * Math.abs(expected)) {
            throw new IllegalStateException("W1 sum=" + got + " expected=" + expected);
        }
    }
}
