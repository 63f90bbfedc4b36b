package dev.shmkit.job;

/**
 * How far a job has come: {@code tasksDone} of {@code tasks} tasks finished, {@code elapsedNanos}
 * after submission.
 *
 * @param job          the job's name ({@link JobOptions#name()})
 * @param jobId        the job's id, unique within its pool
 * @param tasksDone    tasks finished so far
 * @param tasks        tasks of the job
 * @param elapsedNanos time since the job was submitted
 */
public record JobProgress(String job, long jobId, int tasksDone, int tasks, long elapsedNanos) {
    /** Finished share, 0 to 1 (1 for a job without tasks). */
    public double fraction() {
        return tasks == 0 ? 1 : (double) tasksDone / tasks;
    }
}
