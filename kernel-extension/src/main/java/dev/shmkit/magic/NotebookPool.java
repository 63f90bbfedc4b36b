package dev.shmkit.magic;

import dev.shmkit.job.JobListener;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;

import java.nio.file.Path;
import java.util.List;

/**
 * The notebook's worker pool: the {@code pool} variable of every notebook and what {@code %workers}
 * and {@code %%compare} use. It is a lazy pool: no worker JVM starts until the first job,
 * {@code %workers} or {@code pool.workers()}. Closed when the kernel shuts down.
 */
public final class NotebookPool {
    private static WorkerPool pool;
    private static volatile ProgressBars bars;

    private NotebookPool() {
    }

    /** The notebook's pool (one worker per processor unless resized), created on first call, started on first use. */
    public static synchronized WorkerPool pool() {
        if (pool == null) {
            pool = WorkerPool.lazy(PoolOptions.defaults());
            if (bars != null) {
                pool.defaultListener(bars);
            }
        }
        return pool;
    }

    /** Shows a progress bar and a report for every job of the notebook's pool (the kernel installs it). */
    static synchronized void showProgress(ProgressBars progress) {
        bars = progress;
        if (pool != null) {
            pool.defaultListener(progress);
        }
    }

    /** The installed progress display, or null outside a kernel. */
    static ProgressBars progress() {
        return bars;
    }

    /** Hands jars added to the notebook at run time to the pool's running and future workers. */
    public static void addClasspath(List<Path> entries) {
        WorkerPool p = pool();
        entries.forEach(p::addClasspath);
    }

    /** Stops the pool's workers; the next {@link #pool()} makes a new one. */
    public static synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
        if (bars != null) {
            bars.close();
            bars = null;
        }
    }
}
