package dev.shmkit.job;

import java.io.Serializable;

/**
 * What a job ships once to each worker: turns one task's input (a chunk of items, a row range)
 * into that task's result. Internal to shmkit; users write {@link SerializableFunction}s and
 * {@code RowTask}s, which runners wrap.
 */
public interface ChunkRunner extends Serializable {
    /** Runs one task in the worker. */
    Object run(Object input, TaskContext context) throws Exception;
}
