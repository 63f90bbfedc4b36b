package dev.shmkit.pool.hazelcast;

import dev.shmkit.job.ResultSegment;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.pool.JobSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The caller reading a big result a member sent as a segment: maps it and reads its value, or removes it. */
final class ResultReads {
    private ResultReads() {
    }

    /** The task's value as a {@link ResultSegment} over the caller's file (deleted when the job's result is closed). */
    static ResultSegment segment(ResultReturns results, JobCodec codec, JobSpec job, TaskOutcome r) {
        Path file = results.file(r.segment());
        ObjectSegment seg = ObjectSegment.open(file);
        try {
            return ResultSegment.ofObject(file, seg, codec.read(job.loader(), seg));
        } catch (RuntimeException | LinkageError e) {
            seg.close();
            delete(results, r.segment());
            throw e;
        }
    }

    /** Removes the result file of an answer nobody will read (none for an error or an inline result). */
    static void delete(ResultReturns results, TaskOutcome r) {
        if (r != null && r.segment() != null) {
            delete(results, r.segment());
        }
    }

    /** Removes a result file nobody will read. */
    static void delete(ResultReturns results, String name) {
        try {
            Files.deleteIfExists(results.file(name));
        } catch (IOException | RuntimeException ignored) {
            // the pool's close removes the directory
        }
    }
}
