package dev.shmkit.pool;

/** Parent-side state of one task: its input, attempts and where it runs. Guarded by the scheduler. */
final class TaskRun {
    final JobRun job;
    final int index;
    final String label;
    final Object input;
    final long taskId;
    int attempts;
    long dispatchNanos;
    /** When the task reached the head of its worker's queue (its timeout clock). */
    long startNanos;
    long shipNanos;
    long inputBytes;
    WorkerHandle worker;

    TaskRun(JobRun job, int index, String label, Object input, long taskId) {
        this.job = job;
        this.index = index;
        this.label = label;
        this.input = input;
        this.taskId = taskId;
    }
}
