package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.AccessMode;
import dev.shmkit.table.SharedTable;
import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one table map in each access mode asked for — share (tasks read the published table in place),
 * copy (the whole table is sent with every task) and proxy (every column read is a request to this
 * process, which answers from the table it holds) — all three by default, and measures each. The runs
 * are the same job: same pool, same table, same task, same options and so the same row ranges; only
 * the way the table reaches the task differs. They run in the order share, copy, proxy.
 *
 * <p>Before the measured runs, a discarded share-mode warm-up run of one task per worker pays the
 * first-run costs the runs would otherwise charge to whichever goes first (shipping the task's
 * classes to every worker, attaching the table, the JIT of the task's code); the comparison names it
 * as excluded ({@link Comparison#excluded()}). Without it the share run, which goes first, paid them
 * and the headline understated sharing about 5× (a notebook said 29× where a warm rerun said 105×).
 *
 * <pre>{@code
 * Comparison<Double> c = Compare.run(pool, space.table("big"), (view, r) -> view.doubleColumn("x0").sum(r.from(), r.to()));
 * System.out.println(c);   // the three runs side by side and "sharing was 31x faster ..."
 * }</pre>
 *
 * <p>{@link #code} compares code that runs a table map itself, as written, without rewriting it
 * into a task and a table: {@code Compare.code(pool, () -> pool.map(space.table("big"), task, options))}.
 * It runs the code once more first, as the discarded warm-up (its map in share mode, silent), so the
 * code's other statements run four times in all.
 */
public final class Compare {
    /** How the message of {@link #code}'s "not exactly one table map" failure starts. */
    public static final String NOT_ONE_MAP = "compare: the code ran ";

    private Compare() {
    }

    /** All three modes with automatic chunking. */
    public static <R> Comparison<R> run(WorkerPool pool, SharedTable table, RowTask<R> task) {
        return run(pool, table, task, JobOptions.defaults());
    }

    /**
     * All three modes with {@code options} (its access mode is overridden per run; the job names get
     * " (share)", " (copy)" and " (proxy)" appended).
     */
    public static <R> Comparison<R> run(WorkerPool pool, SharedTable table, RowTask<R> task, JobOptions options) {
        return run(pool, table, task, options, List.of(AccessMode.values()));
    }

    /**
     * The runs of {@code modes} (at least one) with {@code options}, after one discarded share-mode
     * warm-up run.
     */
    public static <R> Comparison<R> run(WorkerPool pool, SharedTable table, RowTask<R> task, JobOptions options,
                                        List<AccessMode> modes) {
        List<AccessMode> order = runOrder(modes);
        JobOptions warm = options.shareTable().chunkCount(pool.size()).name(options.name() + " (warm-up)").progress(JobListener.SILENT);
        JobResult<R> warmUp = pool.map(table, task, warm);
        Map<AccessMode, JobResult<R>> runs = new EnumMap<>(AccessMode.class);
        for (AccessMode m : order) {
            runs.put(m, pool.map(table, task, options.access(m).name(options.name() + " (" + m.label() + ")")));
        }
        return new Comparison<>(runs, warmUp.report());
    }

    /** {@code modes} without repeats, in the order share, copy, proxy; refuses none. */
    static List<AccessMode> runOrder(List<AccessMode> modes) {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("compare: modes=[] is empty; name at least one of copy, proxy, share");
        }
        return java.util.stream.Stream.of(AccessMode.SHARE, AccessMode.COPY, AccessMode.PROXY).filter(modes::contains).toList();
    }

    /**
     * Runs {@code code} once per access mode (share, copy, proxy), with every table map it runs on
     * {@code pool} switched to that mode, and compares the runs. The code must run exactly one table
     * map on {@code pool} ({@code pool.map(table, task, options)} or {@code submitMap}); its own options
     * (chunks, name, timeout) are kept, only the mode is overridden. A discarded share-mode run of the
     * code comes first (the warm-up {@link #run} does too), named in {@link Comparison#excluded()}.
     *
     * @param listener progress listener for maps whose options have none, or null for the pool's default
     * @throws ShmkitException if the code ran no table map on {@code pool}, or more than one
     */
    public static Comparison<Object> code(WorkerPool pool, Supplier<?> code, JobListener listener) {
        return code(pool, code, listener, List.of(AccessMode.values()));
    }

    /** As {@link #code(WorkerPool, Supplier, JobListener)}, in {@code modes} only (run in the order share, copy, proxy). */
    @SuppressWarnings("unchecked")
    public static Comparison<Object> code(WorkerPool pool, Supplier<?> code, JobListener listener, List<AccessMode> modes) {
        List<AccessMode> order = runOrder(modes);
        JobResult<?> warmUp = once(pool, code, TableMapCapture.warmUp(JobListener.SILENT), "warm-up");
        Map<AccessMode, JobResult<Object>> runs = new EnumMap<>(AccessMode.class);
        for (AccessMode m : order) {
            runs.put(m, (JobResult<Object>) once(pool, code, new TableMapCapture(m, listener), m.label()));
        }
        return new Comparison<>(runs, warmUp.report());
    }

    private static JobResult<?> once(WorkerPool pool, Supplier<?> code, TableMapCapture capture, String mode) {
        pool.capture(capture);
        try {
            code.get();
        } finally {
            pool.capture(null);
        }
        List<JobResult<?>> maps = capture.results();
        if (maps.size() != 1) {
            throw new ShmkitException(NOT_ONE_MAP + maps.size() + " table maps on pool " + pool
                    + " in its " + mode + " run; it must run exactly one, e.g. pool.map(space.table(\"big\"), task,"
                    + " options) (maps on another pool, or pool.mapItems, are not compared)");
        }
        return maps.get(0);
    }
}
