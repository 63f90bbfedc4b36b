package dev.shmkit.pool;

import dev.shmkit.job.TaskContext;

/**
 * Worker-side handler of messages the parent sends with {@link WorkerPool#broadcast} (e.g.
 * "segment X removed: unmap it"). Found in the worker with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.shmkit.pool.WorkerMessageHandler}); runs on the worker's task
 * thread, after the tasks the worker already holds, so it may touch the {@link TaskContext} cache.
 */
public interface WorkerMessageHandler {
    /** The message kind this handler answers. */
    String kind();

    /** Handles one message; the returned bytes go back to the parent (empty for none). */
    byte[] handle(byte[] payload, TaskContext context) throws Exception;
}
