package dev.shmkit.pool;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobProgress;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.ResultSegment;
import dev.shmkit.job.TaskReport;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Parent-side state of one job. Guarded by the scheduler's lock. */
final class JobRun {
    final JobSpec spec;
    final JobOptions options;
    final long submitNanos = System.nanoTime();
    final ArrayDeque<TaskRun> pending = new ArrayDeque<>();
    final Object[] results;
    final TaskReport[] reports;
    /** Per task: the result segment its result came through, or null (inline). */
    final ResultSegment[] segments;
    final CompletableFuture<JobRun> done = new CompletableFuture<>();
    int remaining;
    /** Workers counted in the report (the pool size when the job started). */
    final int workers;
    /** Told about progress; the job's own or the pool's default; may be null. */
    private JobListener listener;
    /** The report fixed when the last task finished, so listeners and the caller see the same numbers. */
    private JobReport finalReport;

    JobRun(JobSpec spec, int tasks, int workers, JobListener listener) {
        this.spec = spec;
        this.options = spec.options();
        this.results = new Object[tasks];
        this.reports = new TaskReport[tasks];
        this.segments = new ResultSegment[tasks];
        this.remaining = tasks;
        this.workers = workers;
        this.listener = listener;
    }

    long id() {
        return spec.id();
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

    /** Books task {@code index}'s result; a result segment is kept in {@link #segments} and its heap value shown. */
    void take(int index, Object value) {
        if (value instanceof ResultSegment r) {
            segments[index] = r;
            results[index] = r.value();
        } else {
            results[index] = value;
        }
    }

    /** Closes the result segments booked so far (a failed or cancelled job). */
    void closeSegments() {
        ResultSegment.closeAll(segments);
    }

    JobProgress progress() {
        return new JobProgress(options.name(), spec.id(), results.length - remaining, results.length,
                System.nanoTime() - submitNanos);
    }

    /**
     * Calls {@code call} on the listener, if any. A listener that throws is never the job's problem:
     * it is not called again for this job.
     */
    void tell(Consumer<JobListener> call) {
        JobListener l = listener;
        if (l == null) {
            return;
        }
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            listener = null;
        }
    }
}
