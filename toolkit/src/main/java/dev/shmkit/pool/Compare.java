package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.table.SharedTable;
import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one table map twice — once in share mode (tasks read the published table in place), once
 * in copy mode (the whole table is serialized and sent with every task) — and measures both.
 * The two runs are the same job: same pool, same table, same task, same options and so the same
 * row ranges; only the way the table reaches the task differs.
 *
 * <p>Before either measured run, a discarded share-mode warm-up run of one task per worker pays the
 * first-run costs both runs would otherwise charge to whichever goes first (shipping the task's
 * classes to every worker, attaching the table, the JIT of the task's code); the comparison names it
 * as excluded ({@link Comparison#excluded()}). Without it the share run, which goes first, paid them
 * and the headline understated sharing about 5× (a notebook said 29× where a warm rerun said 105×).
 *
 * <pre>{@code
 * Comparison<Double> c = Compare.run(pool, space.table("big"), (view, r) -> view.doubleColumn("x0").sum(r.from(), r.to()));
 * System.out.println(c);   // both reports side by side and "sharing was 31x faster ..."
 * }</pre>
 *
 * <p>{@link #code} compares code that runs a table map itself, as written, without rewriting it
 * into a task and a table: {@code Compare.code(pool, () -> pool.map(space.table("big"), task, options))}.
 */
public final class Compare {
    /** The warm-up run is not shown: no progress bar, no report card of its own. */
    private static final JobListener QUIET = p -> { };

    /** How the message of {@link #code}'s "not exactly one table map" failure starts. */
    public static final String NOT_ONE_MAP = "compare: the code ran ";

    private Compare() {
    }

    /** Both runs with automatic chunking. */
    public static <R> Comparison<R> run(WorkerPool pool, SharedTable table, RowTask<R> task) {
        return run(pool, table, task, JobOptions.defaults());
    }

    /**
     * Both runs with {@code options} (its copy/share setting is overridden per run; the job names
     * get " (share)" and " (copy)" appended).
     */
    public static <R> Comparison<R> run(WorkerPool pool, SharedTable table, RowTask<R> task, JobOptions options) {
        JobOptions warm = options.shareTable().chunkCount(pool.size()).name(options.name() + " (warm-up)").progress(QUIET);
        JobResult<R> warmUp = pool.map(table, task, warm);
        JobResult<R> share = pool.map(table, task, options.shareTable().name(options.name() + " (share)"));
        JobResult<R> copy = pool.map(table, task, options.copyTable().name(options.name() + " (copy)"));
        return new Comparison<>(copy, share, warmUp.report());
    }

    /**
     * Runs {@code code} twice, first with every table map it runs on {@code pool} switched to share
     * mode, then to copy mode, and compares the two. The code must run exactly one table map on
     * {@code pool} ({@code pool.map(table, task, options)} or {@code submitMap}); its own options
     * (chunks, name, timeout) are kept, only the mode is overridden.
     *
     * @param listener progress listener for maps whose options have none, or null for the pool's default
     * @throws ShmkitException if the code ran no table map on {@code pool}, or more than one
     */
    @SuppressWarnings("unchecked")
    public static Comparison<Object> code(WorkerPool pool, Supplier<?> code, JobListener listener) {
        JobResult<Object> share = (JobResult<Object>) once(pool, code, new TableMapCapture(false, listener), "share");
        JobResult<Object> copy = (JobResult<Object>) once(pool, code, new TableMapCapture(true, listener), "copy");
        return new Comparison<>(copy, share);
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
