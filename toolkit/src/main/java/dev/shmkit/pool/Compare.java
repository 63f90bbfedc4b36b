package dev.shmkit.pool;

import dev.shmkit.table.SharedTable;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;

/**
 * Runs one table map twice — once in share mode (tasks read the published table in place), once
 * in copy mode (the whole table is serialized and sent with every task) — and measures both.
 * The two runs are the same job: same pool, same table, same task, same options and so the same
 * row ranges; only the way the table reaches the task differs.
 *
 * <p>The share run goes first, so it pays the first-run costs both runs have (shipping the task's
 * classes to the workers, their JIT warm-up); if anything the measured advantage of sharing is
 * understated.
 *
 * <pre>{@code
 * Comparison<Double> c = Compare.run(pool, space.table("big"), (view, r) -> view.doubleColumn("x0").sum(r.from(), r.to()));
 * System.out.println(c);   // both reports side by side and "sharing was 31x faster ..."
 * }</pre>
 */
public final class Compare {
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
        JobResult<R> share = pool.map(table, task, options.shareTable().name(options.name() + " (share)"));
        JobResult<R> copy = pool.map(table, task, options.copyTable().name(options.name() + " (copy)"));
        return new Comparison<>(copy, share);
    }
}
