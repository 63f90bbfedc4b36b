package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;

import java.util.Map;

/**
 * What a job carries to a backend, built once by the shipper before anything runs.
 *
 * @param id      the job's id, unique within its pool
 * @param options the job's options (name, timeout, retries, copy mode ...)
 * @param loader  the parent-side loader of the job's code, for reading its results; never sent
 * @param session the class-serving session of {@code loader} (a redefined snippet starts a new one)
 * @param runner  the Kryo-serialized {@code ChunkRunner}
 * @param statics the Kryo-serialized JShell variables the task reads, or null for none
 * @param classes the bytes of the session's classes the job needs (binary name to bytes), pushed with
 *                the job so a worker defines them without asking; anything else is fetched on demand
 */
public record JobSpec(long id, JobOptions options, ClassLoader loader, long session, byte[] runner, byte[] statics,
                      Map<String, byte[]> classes) {
    /** The job's name, for messages. */
    public String name() {
        return options.name();
    }
}
