package dev.shmkit.job;

/** Runs a submitted callable; the input is ignored. */
public final class CallableRunner<R> implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    private final SerializableCallable<R> task;

    /** Wraps {@code task}. */
    public CallableRunner(SerializableCallable<R> task) {
        this.task = task;
    }

    @Override
    public Object run(Object input, TaskContext context) throws Exception {
        return task.call();
    }
}
