package dev.shmkit.pool;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobProgress;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.TaskReport;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Parent-side state of one job. Guarded by the scheduler's lock. */
final class JobRun {
    final long id;
    final JobOptions options;
    final ClassLoader loader;
    final long sessionId;
    final byte[] runnerBytes;
    final byte[] staticBytes;
    final long submitNanos = System.nanoTime();
    final ArrayDeque<TaskRun> pending = new ArrayDeque<>();
    final Object[] results;
    final TaskReport[] reports;
    final Set<WorkerHandle> shippedTo = new HashSet<>();
    final CompletableFuture<JobRun> done = new CompletableFuture<>();
    int remaining;
    /** Workers counted in the report (the pool size when the job started). */
    final int workers;
    /** Told about progress; the job's own or the pool's default; may be null. */
    JobListener listener;
    /** The report fixed when the last task finished, so listeners and the caller see the same numbers. */
    private JobReport finalReport;

    JobRun(long id, JobOptions options, ClassLoader loader, long sessionId, byte[] runnerBytes, byte[] staticBytes,
           int tasks, int workers) {
        this.id = id;
        this.options = options;
        this.loader = loader;
        this.sessionId = sessionId;
        this.runnerBytes = runnerBytes;
        this.staticBytes = staticBytes;
        this.results = new Object[tasks];
        this.reports = new TaskReport[tasks];
        this.remaining = tasks;
        this.workers = workers;
    }

    boolean finished() {
        return done.isDone();
    }

    JobReport report() {
        if (finalReport == null) {
            finalReport = new JobReport(options.name(), workers, System.nanoTime() - submitNanos, List.of(reports));
        }
        return finalReport;
    }

    JobProgress progress() {
        return new JobProgress(options.name(), id, results.length - remaining, results.length,
                System.nanoTime() - submitNanos);
    }

    /** Calls {@code call} on the listener, if any; a failing listener is printed, never the job's problem. */
    void tell(java.util.function.Consumer<JobListener> call) {
        if (listener == null) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            System.err.println("shmkit: job listener " + listener.getClass().getName() + " failed: " + e);
        }
    }
}
