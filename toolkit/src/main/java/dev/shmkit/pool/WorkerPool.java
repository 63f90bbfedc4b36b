package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.CallableRunner;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.ItemsRunner;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.OutputRowTask;
import dev.shmkit.job.OutputTask;
import dev.shmkit.job.SerializableCallable;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.job.TableRunner;
import dev.shmkit.segment.SegmentEvents;
import dev.shmkit.ship.LocalOnly;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.object.ChunkList;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;
import dev.shmkit.ship.SnapshotResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A pool of warm worker JVMs that run map jobs. Workers start with this JVM's {@code java},
 * class path and shmkit's JVM flags, warm up once, and are reused by every job; a worker that
 * dies is replaced and its task retried. Close the pool to stop them; a pool whose JVM dies
 * takes its workers with it within a second.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.start(2)) {
 *     List<Integer> squares = pool.mapItems(List.of(1, 2, 3), x -> x * x).values();
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable, LocalOnly {
    /** A worker not warm and connected by then failed to start. */
    private static final long START_TIMEOUT_MS = 60_000;
    private final JobShipper shipper;
    /** Guards starting a lazy pool, {@link #pending} and resizing. */
    private final Object startLock = new Object();
    private volatile Live workers;
    /** Options of a lazy pool not started yet; null once started. */
    private PoolOptions pending;
    private boolean closedBeforeStart;
    private volatile JobListener defaultListener;
    /** While {@link Compare#code} runs code: the mode forced on its table maps and their results. */
    private volatile TableMapCapture capture;

    /** A started pool: its backend, the scheduler over it, and what tells its workers to unmap replaced versions. */
    private record Live(Backend backend, Scheduler scheduler, SegmentEvents.Listener evictions) {
        int target() {
            return scheduler.target();
        }

        boolean closed() {
            return scheduler.isClosed();
        }

        void close() {
            SegmentEvents.removeListener(evictions);
            scheduler.close();
            backend.close();
        }
    }

    private WorkerPool(Live workers, PoolOptions pending, JobShipper shipper) {
        this.workers = workers;
        this.pending = pending;
        this.shipper = shipper;
    }

    private static Live launch(PoolOptions options, JobShipper shipper) {
        PoolOptions.checkWorkers(options.workers(), "starting a pool");
        BackendFactory factory = options.backend();
        if (factory == null) {
            factory = ServiceLoader.load(BackendFactory.class, WorkerPool.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new ShmkitException("no worker backend: META-INF/services/"
                            + BackendFactory.class.getName() + " names none on the class path, and PoolOptions.backend"
                            + " was not set (is the toolkit jar complete?)"));
        }
        Backend backend = factory.create(options, shipper.classes());
        Scheduler scheduler = new Scheduler(backend, options.inFlight(), options.workers());
        backend.start(scheduler);
        // Fire and forget: a worker that misses one (dying, starting) drops the version when it uses a newer one.
        Live live = new Live(backend, scheduler, SegmentEvictions.forward(backend::broadcast));
        try {
            scheduler.spawnAndWait(options.workers(), shipper::warmUp, START_TIMEOUT_MS);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        return live;
    }

    /** One worker per available processor. */
    public static WorkerPool start() {
        return start(PoolOptions.defaults());
    }

    /** {@code n} workers. */
    public static WorkerPool start(int n) {
        return start(PoolOptions.defaults().workers(n));
    }

    /** Starts the workers and waits until all are warm. */
    public static WorkerPool start(PoolOptions options) {
        JobShipper shipper = new JobShipper();
        WorkerPool pool = new WorkerPool(launch(options, shipper), null, shipper);
        pool.warmUpPath(options);
        return pool;
    }

    /**
     * A pool whose workers start at its first use: the first job, {@link #workers()} or
     * {@link #resize} (which then starts that many). A notebook can hold one without paying for
     * worker JVMs it never uses.
     */
    public static WorkerPool lazy(PoolOptions options) {
        PoolOptions.checkWorkers(options.workers(), "a lazy pool");
        return new WorkerPool(null, options, new JobShipper());
    }

    /** The workers, starting them if this is a lazy pool not started yet. */
    private Live live() {
        Live w = workers;
        if (w != null) {
            return w;
        }
        synchronized (startLock) {
            if (workers == null) {
                if (closedBeforeStart) {
                    throw new ShmkitException("pool is closed: start a new one with WorkerPool.start()");
                }
                PoolOptions options = pending;
                workers = launch(options, shipper);
                pending = null;
                warmUpPath(options);
            }
            return workers;
        }
    }

    /**
     * Starts a {@link #lazy} pool's workers on a background thread and returns at once; the future
     * completes when they are warm (or with the start's failure, which the next use retries and
     * reports). A job or {@link #workers()} called meanwhile waits for the start in progress instead
     * of starting another. A notebook kernel calls this when it starts, so the first job finds the
     * workers ready. A started or closed pool: the future is already complete.
     */
    public CompletableFuture<Void> startInBackground() {
        synchronized (startLock) {
            if (workers != null || closedBeforeStart) {
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                live();
                started.complete(null);
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "shmkit-pool-start");
        t.setDaemon(true);
        t.start();
        return started;
    }

    /**
     * Runs {@link PathWarmUp}'s discarded job (local workers only), so the first user job finds the
     * parent's and the workers' task path loaded and compiled.
     */
    private void warmUpPath(PoolOptions options) {
        if (options.backend() == null && PathWarmUp.enabled()) {
            PathWarmUp.run(this, workers.target());
        }
    }

    /** Whether the workers have been started (always, except for a {@link #lazy} pool not used yet). */
    public boolean isStarted() {
        return workers != null;
    }

    /** Number of live workers (the target size while replacements start; the planned size of a lazy pool). */
    public int size() {
        synchronized (startLock) {
            if (workers == null) {
                return pending.workers();
            }
        }
        return workers.target();
    }

    /** A snapshot of every live worker (starting a lazy pool). */
    public List<WorkerInfo> workers() {
        return live().scheduler().infos();
    }

    /**
     * Grows (waiting for the new workers to be warm) or shrinks (idle workers first) the pool; a lazy pool starts {@code n}.
     *
     * @throws WorkerLimitException when {@code n} is over {@code shmkit.maxWorkers}; the pool keeps its size
     */
    public void resize(int n) {
        PoolOptions.checkWorkers(n, "resize(" + n + ")");
        synchronized (startLock) {
            if (workers == null) {
                pending = pending.workers(n);
            }
        }
        Live live = live();
        synchronized (startLock) {
            live.scheduler().resize(n, START_TIMEOUT_MS);
        }
    }

    /** Adds a class path entry to running and future workers. */
    public void addClasspath(Path entry) {
        synchronized (startLock) {
            if (workers == null) {
                pending = pending.classpath(entry.toAbsolutePath());
                return;
            }
        }
        workers.backend().addClasspath(entry.toAbsolutePath());
    }

    /**
     * Tells {@code listener} about every job whose options name no listener of their own
     * ({@link JobOptions#progress}); null for none. A notebook kernel shows progress bars this way.
     */
    public void defaultListener(JobListener listener) {
        this.defaultListener = listener;
    }

    /** Sets the resolver consulted for every JShell variable a task reads (e.g. published tables). */
    public void snapshotResolver(SnapshotResolver resolver) {
        shipper.resolver(resolver);
    }

    /** Largest JShell variable (estimated serialized bytes) copied to workers; larger ones are refused. */
    public void maxSnapshotBytes(long bytes) {
        shipper.maxSnapshotBytes(bytes);
    }

    /**
     * Requests workers made so far for classes that were not pushed with their job (a diagnostic:
     * a job whose code was typed in JShell or a notebook normally makes none).
     */
    public long classRequests() {
        return shipper.classes().lookups();
    }

    /** Applies {@code fn} to every item on the workers, with automatic chunking; waits for the result. */
    public <T, R> JobResult<R> mapItems(List<T> items, SerializableFunction<T, R> fn) {
        return mapItems(items, fn, JobOptions.defaults());
    }

    /** Applies {@code fn} to every item on the workers; waits (an interrupt cancels the job). */
    public <T, R> JobResult<R> mapItems(List<T> items, SerializableFunction<T, R> fn, JobOptions options) {
        return submitItems(items, fn, options).join();
    }

    /** Starts a map over items and returns at once. */
    public <T, R> JobFuture<JobResult<R>> submitItems(List<T> items, SerializableFunction<T, R> fn, JobOptions options) {
        List<Object> inputs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (RowRange r : Chunking.itemRanges(items.size(), options, live().target())) {
            inputs.add(new ChunkList<>(items.subList(r.from(), r.to())));
            labels.add(r.size() == 1 ? "item " + r.from() : "items [" + r.from() + ", " + r.to() + ")");
        }
        return run(fn, new ItemsRunner<>(fn), options, inputs, labels, WorkerPool::concat);
    }

    /** Runs {@code task} over the rows of {@code table}, about 4 tasks per worker; one value per task. */
    public <R> JobResult<R> map(SharedTable table, RowTask<R> task) {
        return map(table, task, JobOptions.defaults());
    }

    /**
     * Runs {@code task} over the rows of {@code table} (a published table, not a slice): each worker
     * maps the table's segment once and tasks read their rows from shared memory; with
     * {@link JobOptions#copyTable()} the whole table is sent with every task instead. Waits for the
     * values, one per task in row order.
     */
    public <R> JobResult<R> map(SharedTable table, RowTask<R> task, JobOptions options) {
        return submitMap(table, task, options).join();
    }

    /** Starts a table map and returns at once. */
    public <R> JobFuture<JobResult<R>> submitMap(SharedTable table, RowTask<R> task, JobOptions options) {
        TableMapCapture c = capture;
        if (c != null) {
            JobFuture<JobResult<R>> f = submitMapAs(table, task, c.apply(options));
            c.record(f.asCompletable());
            return f;
        }
        return submitMapAs(table, task, options);
    }

    /** Installs (or with null removes) the capture of table maps {@link Compare#code} uses. */
    void capture(TableMapCapture c) {
        capture = c;
    }

    @SuppressWarnings("unchecked")
    private <R> JobFuture<JobResult<R>> submitMapAs(SharedTable table, RowTask<R> task, JobOptions options) {
        String[] foreign = {null};
        SegmentId id = TableJobs.versionOf(table, foreign);
        List<RowRange> ranges = Chunking.rowRanges(table.rowCount(), options, live().target());
        List<String> labels = ranges.stream().map(RowRange::toString).toList();
        long proxy = TableJobs.serve(table, options);  // 0 unless proxy mode: then this process answers the tasks' reads
        try {
            List<Object> inputs = TableJobs.inputs(table, id, foreign[0], proxy, ranges, options);
            JobFuture<JobResult<R>> f = run(task, new TableRunner<>(task, id, foreign[0]), options, inputs, labels,
                    results -> new ArrayList<>((List<R>) (List<?>) Arrays.asList(results)));
            f.asCompletable().whenComplete((r, e) -> TableJobs.stopServing(proxy));
            return f;
        } catch (RuntimeException | Error e) {
            TableJobs.stopServing(proxy);
            throw e;
        }
    }

    /** Writes {@code out} from {@code table} in parallel (see {@link #submitMap(SharedTable, OutputTable, OutputRowTask, JobOptions)}). */
    public JobResult<SegmentId> map(SharedTable table, OutputTable out, OutputRowTask task) {
        return map(table, out, task, JobOptions.defaults());
    }

    /** Writes {@code out} from {@code table} in parallel and waits; the one value is the published version. */
    public JobResult<SegmentId> map(SharedTable table, OutputTable out, OutputRowTask task, JobOptions options) {
        return submitMap(table, out, task, options).join();
    }

    /**
     * Starts a map from {@code table} into {@code out} (same row count): each task reads its rows of the
     * table and writes the same rows of the output in place. On success the output is sealed and published
     * under its name; on failure or cancel it is aborted (nothing published); a task whose worker died is
     * retried into the same rows. Workers unmap the output when the job ends.
     */
    public JobFuture<JobResult<SegmentId>> submitMap(SharedTable table, OutputTable out, OutputRowTask task, JobOptions options) {
        return OutputJobs.submit(this, table, out, task, options);
    }

    /** Fills {@code out} in parallel with no input table, as {@link #submitMap(SharedTable, OutputTable, OutputRowTask, JobOptions)}. */
    public JobResult<SegmentId> map(OutputTable out, OutputTask task) {
        return map(out, task, JobOptions.defaults());
    }

    /** Fills {@code out} in parallel with no input table and waits; the one value is the published version. */
    public JobResult<SegmentId> map(OutputTable out, OutputTask task, JobOptions options) {
        return OutputJobs.submit(this, null, out, task, options).join();
    }

    /** Runs one task on a worker. */
    public <R> JobFuture<R> submit(SerializableCallable<R> task) {
        return submit(task, JobOptions.defaults());
    }

    /** Runs one task on a worker with the given timeout and retries. */
    @SuppressWarnings("unchecked")
    public <R> JobFuture<R> submit(SerializableCallable<R> task, JobOptions options) {
        List<Object> inputs = new ArrayList<>();
        inputs.add(null);
        JobFuture<JobResult<R>> f = run(task, new CallableRunner<>(task), options, inputs, List.of("submitted task"),
                results -> List.of((R) results[0]));
        return new JobFuture<>(f.asCompletable().thenApply(r -> {
            R value = r.values().get(0);
            r.close();  // the value is a heap copy: a result segment it came through goes now, not at GC
            return value;
        }), () -> f.cancel(true));
    }

    /**
     * Runs a job of {@code inputs.size()} tasks. {@code userCode} is scanned for JShell variables;
     * {@code assemble} turns the per-task results (in order) into the job's values. For the other job
     * kinds (tables) in shmkit; not meant for notebook code.
     */
    public <R> JobFuture<JobResult<R>> run(Object userCode, ChunkRunner runner, JobOptions options, List<Object> inputs,
                                           List<String> labels, Function<Object[], List<R>> assemble) {
        Live live = live();
        if (live.closed()) {
            throw new ShmkitException("pool is closed: start a new one with WorkerPool.start()");
        }
        JobSpec spec = shipper.ship(userCode, runner, options);
        JobRun job = new JobRun(spec, inputs.size(), live.target(),
                options.listener() != null ? options.listener() : defaultListener);
        List<TaskRun> tasks = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            tasks.add(new TaskRun(job, i, new TaskSpec(shipper.nextId(), labels.get(i), inputs.get(i))));
        }
        MemorySampler memory = options.isMeasureMemory() ? MemorySampler.start(live.scheduler()::infos) : null;
        var result = job.done.whenComplete((j, e) -> {
            if (e != null && memory != null) {
                memory.stop();
            }
        }).thenApply(j -> new JobResult<>(assemble.apply(j.results),
                memory == null ? j.report() : j.report().withMemory(memory.stop()), java.util.Arrays.asList(j.segments)));
        live.scheduler().submit(job, tasks);
        return new JobFuture<>(result, () -> live.scheduler().cancel(job, "cancel requested"));
    }

    /**
     * Sends a message of {@code kind} to every connected worker and waits for all to answer (e.g.
     * "segment X removed: unmap it"); a worker handles it after the tasks it already holds.
     */
    public CompletableFuture<Void> broadcast(String kind, byte[] payload) {
        Live w = workers;
        return w == null ? CompletableFuture.completedFuture(null) : w.backend().broadcast(kind, payload);
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> concat(Object[] chunks) {
        List<R> all = new ArrayList<>();
        for (Object c : chunks) {
            all.addAll((List<R>) c);
        }
        return all;
    }

    /** Stops every worker and waits for them to exit; idempotent. Running jobs are cancelled. */
    @Override
    public void close() {
        synchronized (startLock) {
            if (workers == null) {
                closedBeforeStart = true;
                return;
            }
        }
        workers.close();
    }

    @Override
    public String toString() {
        return isStarted() ? "WorkerPool" + workers() : "WorkerPool[not started, workers=" + size() + "]";
    }
}
