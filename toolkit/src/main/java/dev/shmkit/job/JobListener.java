package dev.shmkit.job;

/**
 * Told about a job's progress: {@link #started} when it is submitted, {@link #progress} after each
 * finished task, {@link #ended} once when it completes, fails or is cancelled — before the job's
 * waiters wake up, so whatever the listener shows comes before the caller's next step.
 * Set per job with {@link JobOptions#progress(JobListener)} or for every job of a pool with
 * {@code WorkerPool.defaultListener}.
 *
 * <p>Calls come from the pool's I/O thread while it holds its scheduling lock: a listener must
 * return quickly (record the numbers, hand slow work to another thread) and must not call the pool.
 * A listener that throws is not called again for that job; the job goes on.
 */
public interface JobListener {
    /** Shows nothing: for jobs the user must not see (warm-ups), which would otherwise get the pool's default listener. */
    JobListener SILENT = p -> { };

    /** The job was submitted; {@code p.tasksDone()} is 0. */
    default void started(JobProgress p) {
    }

    /** A task finished. */
    void progress(JobProgress p);

    /**
     * The job ended.
     *
     * @param p       the final progress
     * @param report  what the job cost, or null if it failed or was cancelled
     * @param failure why it failed or was cancelled, or null if it completed
     */
    default void ended(JobProgress p, JobReport report, Throwable failure) {
    }

    /** Something the user should know happened to the job (a worker died and a task was requeued). */
    default void note(JobProgress p, String message) {
    }
}
