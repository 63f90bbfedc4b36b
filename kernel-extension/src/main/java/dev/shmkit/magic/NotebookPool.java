package dev.shmkit.magic;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.TaskReport;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook's worker pool: the {@code pool} variable of every notebook and what {@code %workers}
 * and {@code %%compare} use. By default the kernel starts its workers in the background when it
 * starts ({@link #startInBackground}), so the first job does not wait for worker JVMs; with
 * {@value #START_PROPERTY}{@code =lazy} (or {@value #START_ENV}) no worker JVM starts until the first
 * job, {@code %workers} or {@code pool.workers()}. Closed when the kernel shuts down.
 */
public final class NotebookPool {
    /** When the notebook's workers start: {@code background} (at kernel start, the default) or {@code lazy} (first use). */
    public static final String START_PROPERTY = "shmkit.pool.start";
    /** Environment twin of {@link #START_PROPERTY}. */
    public static final String START_ENV = "SHMKIT_POOL_START";
    private static WorkerPool pool;
    /** What else {@link #pool} needs closed with it (a cluster connection), or null. */
    private static AutoCloseable owner;
    private static volatile ProgressBars bars;
    /** The publish warm-up of the last background start, stopped (and waited for) by {@link #close}. */
    private static PublishWarmUp publishWarmUp;

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

    /**
     * Starts the notebook pool's workers in the background unless {@value #START_PROPERTY} (or
     * {@value #START_ENV}) says {@code lazy} (or something unknown, reported on stderr); returns at once.
     * Whether it started them.
     */
    public static boolean startInBackground() {
        String mode = System.getProperty(START_PROPERTY, System.getenv().getOrDefault(START_ENV, "background")).trim();
        switch (mode) {
            case "lazy" -> {
                return false;
            }
            case "background" -> {
                PublishWarmUp warmUp = newPublishWarmUp();
                pool().startInBackground().thenRun(NotebookPool::warmUpCards).thenRun(warmUp::run).exceptionally(e -> {
                    System.err.println("shmkit: starting the notebook's workers in the background failed (the first job"
                            + " retries and reports why): " + e);
                    return null;
                });
                return true;
            }
            default -> {
                // A typo in a setting must not cost the kernel its magics: say so, and start on first use.
                System.err.println("shmkit: " + START_PROPERTY + "=" + mode + " (or " + START_ENV + ") is neither"
                        + " background nor lazy; the notebook's workers start on first use");
                return false;
            }
        }
    }

    /** A new publish warm-up, owned by the pool's lifecycle: {@link #close} stops it. */
    private static synchronized PublishWarmUp newPublishWarmUp() {
        if (publishWarmUp != null) {
            publishWarmUp.stop();
        }
        publishWarmUp = new PublishWarmUp();
        return publishWarmUp;
    }

    /**
     * Renders a made-up job's card a few times on the start thread, so the first real job's card does not
     * load and interpret the report's formatting (measured: 36 ms between a fresh notebook's first job
     * ending and its cell continuing, 2 ms later on).
     */
    static void warmUpCards() {
        List<TaskReport> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(new TaskReport(i, "rows [" + i + ", " + (i + 1) + ")", 1 + i % 2, 1, 1_000, 2_000, 3_000, 0,
                    40_000, 5_000, 30, 3_200_013, 9));
        }
        JobReport report = new JobReport("warm-up", 2, 5_000_000, tasks);
        for (int i = 0; i < 20; i++) {
            ShmkitExtension.displayData(new JobReportCard(report));
        }
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

    /**
     * Replaces the notebook's pool with {@code next} (closed, with {@code nextOwner}, by {@link #close}); the old
     * pool and its owner are closed. Null: the next {@link #pool()} makes a local pool again.
     */
    static synchronized void replace(WorkerPool next, AutoCloseable nextOwner) {
        closePool();
        pool = next;
        owner = nextOwner;
        if (pool != null && bars != null) {
            pool.defaultListener(bars);
        }
    }

    private static void closePool() {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            pool = null;
            AutoCloseable o = owner;
            owner = null;
            if (o != null) {
                try {
                    o.close();
                } catch (Exception e) {
                    System.err.println("shmkit: closing the notebook's cluster connection failed: " + e);
                }
            }
        }
    }

    /** Stops the pool's workers; the next {@link #pool()} makes a new one. */
    public static synchronized void close() {
        if (publishWarmUp != null) {
            publishWarmUp.stop();
            publishWarmUp = null;
        }
        closePool();
        if (bars != null) {
            bars.close();
            bars = null;
        }
    }
}
