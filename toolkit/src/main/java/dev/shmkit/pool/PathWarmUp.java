package dev.shmkit.pool;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.SerializableFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One discarded job through the real task path, submitted when a local pool's workers are up.
 *
 * <p>A worker's own warm-up ({@code WorkerWarmUp}) runs the runners in-process; the first real job
 * still met code nobody had run: the parent's scheduler, task sender and result reader, the worker's
 * message loop, session and result writer (measured in a fresh notebook: 8-14 ms of "deser" and
 * 8-11 ms of "result" on the first task of each worker, none on the second). This job runs that path
 * once per worker, with its own silent listener (no progress bar, no card, nothing in a notebook's
 * job history). The pool's start waits for it (a few ms warm; tens of ms on the cold path it warms), so
 * a started pool is idle and its first job is dispatched at once.
 */
final class PathWarmUp {
    /** {@code false} turns the warm-up job off (tests that count a pool's first tasks). */
    static final String PROPERTY = "shmkit.pool.warmUpJob";
    /** The job's name, in a worker's log if anything goes wrong with it. */
    static final String JOB_NAME = "shmkit path warm-up";
    /** Tasks per worker: the first meets the cold path, the next ones the JIT's first compilations. */
    private static final int TASKS_PER_WORKER = 8;
    /** A warm-up that takes longer than this is not worth waiting for (a machine under heavy load). */
    private static final long WAIT_SECONDS = 20;

    private PathWarmUp() {
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** Runs the job and waits for it; its failure (a worker dying meanwhile, say) is of no consequence. */
    static void run(WorkerPool pool, int workers) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < TASKS_PER_WORKER * Math.max(1, workers); i++) {
            items.add(i);
        }
        SerializableFunction<Integer, Integer> next = x -> x + 1;
        JobOptions options = JobOptions.defaults().name(JOB_NAME).chunkSize(1).progress(JobListener.SILENT);
        try {
            pool.submitItems(items, next, options).asCompletable().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the job is only a warm-up: a failure here shows again, with its cause, in the first real job
        }
    }
}
