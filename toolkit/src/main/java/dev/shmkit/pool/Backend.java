package dev.shmkit.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where workers live and how tasks reach them: the seam between the scheduler (which task goes to
 * which worker, retries, timeouts) and a transport (local worker JVMs over a Unix socket; later a
 * cluster). A backend never decides: it starts, feeds, cancels and kills workers when told, and
 * reports what happens through the {@link Sink} given to {@link #start}.
 *
 * <p>Worker ids are the backend's, unique for its life. Calls may come from any thread, often
 * under the scheduler's lock: they must not block on a worker (a big copy-mode input is streamed
 * by the backend on its own thread).
 */
public interface Backend extends AutoCloseable {
    /** Outcomes, reported by the backend's threads; the scheduler implements it. */
    interface Sink {
        /** Worker {@code worker} (process {@code pid}) was started; it is not ready yet. */
        void spawned(int worker, long pid);

        /** The worker is warm and connected: it can take tasks. */
        void connected(int worker);

        /** A task finished with {@code value} (already read with the job's loader). */
        void result(int worker, long taskId, Object value, TaskStats stats);

        /** A task threw, or its result could not be read: {@code errorClass}, message and stack. */
        void error(int worker, long taskId, String errorClass, String message, String trace);

        /**
         * The worker is gone (exited, killed, never connected). {@code cause} is the likely reason,
         * phrased for the user (the reason given to {@link #kill} if the backend killed it on request).
         */
        void death(int worker, int exitCode, String cause);
    }

    /** What shipping one task cost in the parent: bytes that crossed (or will cross) to the worker, and time. */
    record Shipped(long bytes, long nanos) {
    }

    /** Remembers the sink; no worker starts before {@link #spawn}. */
    void start(Sink sink);

    /** Starts {@code n} more workers (resize up, replacement) and returns their ids at once; {@link Sink#connected} follows. */
    List<Integer> spawn(int n);

    /** Asks a worker to finish what it holds and exit (resize down). */
    void retire(int worker);

    /** Kills a worker (a task over its timeout); {@link Sink#death} reports {@code reason}. */
    void kill(int worker, String reason);

    /** The ids of the workers that are connected now (the live slots), in start order. */
    List<Integer> live();

    /** The process id of a worker, or -1 if unknown. */
    long pid(int worker);

    /**
     * Sends {@code tasks} of {@code job} to {@code worker} in this order (the job's set-up first when
     * the worker has not seen the job). Returns what each task cost to ship.
     */
    List<Shipped> submit(int worker, JobSpec job, List<TaskSpec> tasks);

    /** Tells a worker to drop the queued tasks of a job and interrupt the running one (and stop streaming to it). */
    void cancel(int worker, long jobId);

    /**
     * Sends a message of {@code kind} to every connected worker; completes when all have answered
     * (exceptionally with the first failure), e.g. "segment X removed: unmap it".
     */
    CompletableFuture<Void> broadcast(String kind, byte[] payload);

    /** Adds a class path entry to running and future workers. */
    void addClasspath(Path entry);

    /** Stops every worker (asking first, then killing) and frees what the backend holds; idempotent. */
    @Override
    void close();
}
