package dev.shmkit.pool;

/** Parent-side state of one task: its spec, attempts and where it runs. Guarded by the scheduler. */
final class TaskRun {
    final JobRun job;
    final int index;
    final TaskSpec spec;
    int attempts;
    long dispatchNanos;
    /** When the task reached the head of its worker's queue (its timeout clock). */
    long startNanos;
    long shipNanos;
    long inputBytes;

    TaskRun(JobRun job, int index, TaskSpec spec) {
        this.job = job;
        this.index = index;
        this.spec = spec;
    }

    long id() {
        return spec.taskId();
    }

    String label() {
        return spec.label();
    }
}
