package dev.shmkit.pool.local;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.object.ObjectWriter;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.table.ArrowTableWriter;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worker's side of result transport: the one place that decides whether a task's result goes
 * inline over the control socket or through a result segment, and writes it. An object result
 * holding a primitive array of at least the job's threshold (found while serializing it inline,
 * before the array is copied), or whose Kryo form reaches the threshold, is written with
 * {@link ObjectWriter} (Kryo for the graph, one bulk copy per array over 1 MiB) into a file of the
 * pool's results directory; a Tablesaw {@link Table} always travels as an Arrow IPC file, inline
 * (its bytes in the frame) below the threshold.
 */
final class ResultWriter {
    /** Frame kind: Kryo bytes in the frame. */
    static final byte INLINE = 0;
    /** Frame kind: the name of an object result segment file. */
    static final byte OBJECT_SEGMENT = 1;
    /** Frame kind: an Arrow IPC file's bytes in the frame. */
    static final byte TABLE_INLINE = 2;
    /** Frame kind: the name of an Arrow IPC result file. */
    static final byte TABLE_SEGMENT = 3;

    /**
     * An encoded result: {@code kind}, then the inline bytes {@code bytes[0, length)} or the file
     * {@code fileName} of the results directory.
     */
    record Encoded(byte kind, byte[] bytes, int length, String fileName) {
    }

    private final Path dir;
    private final long pid = ProcessHandle.current().pid();

    /** Writes result files into {@code resultsDirectory} (the pool's, made by the parent). */
    ResultWriter(Path resultsDirectory) {
        this.dir = resultsDirectory;
    }

    /** Encodes {@code result} of {@code task} with the session's {@code kryo} into {@code o} or a file. */
    Encoded encode(Object result, long job, long task, long threshold, Kryo kryo, Output o) throws IOException {
        if (result instanceof Table t) {
            return table(t, job, task, threshold);
        }
        if (threshold <= 0) {
            o.reset();
            kryo.writeClassAndObject(o, result);
        } else if (!ObjectWriter.serializeInline(kryo, o, result, threshold) || o.position() >= threshold) {
            // an array over the threshold (met before copying it), or a big graph: serialized again, out-of-band where it can
            return object(result, job, task, kryo);
        }
        return new Encoded(INLINE, o.getBuffer(), o.position(), null);
    }

    private Encoded object(Object result, long job, long task, Kryo kryo) {
        String name = ResultFiles.fresh(job, task, ResultFiles.objectExtension());
        ObjectWriter.write(result, dir.resolve(name), pid, kryo);
        return new Encoded(OBJECT_SEGMENT, null, 0, name);
    }

    private Encoded table(Table t, long job, long task, long threshold) throws IOException {
        String name = ResultFiles.fresh(job, task, ResultFiles.ARROW);
        Path file = dir.resolve(name);
        long n;
        try {
            PrivatePaths.createFile(file);  // 0600 from its first byte, like every file shmkit makes
            n = ArrowTableWriter.write(t, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (threshold > 0 && n >= threshold) {
            return new Encoded(TABLE_SEGMENT, null, 0, name);
        }
        try {
            byte[] b = Files.readAllBytes(file);
            return new Encoded(TABLE_INLINE, b, b.length, null);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
