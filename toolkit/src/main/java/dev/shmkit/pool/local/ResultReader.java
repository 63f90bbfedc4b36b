package dev.shmkit.pool.local;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.job.ResultSegment;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parent's side of result transport ({@link ResultWriter} is the worker's): reads an inline
 * result from the frame, or adopts and maps a result segment. An object segment's value is read
 * from the mapping (the Kryo payload, then one bulk copy per big array into the heap value) and the
 * mapping is kept in a {@link ResultSegment} for zero-copy reads until the job's result is closed; a
 * table result is copied column by column into a heap {@code Table}, the Arrow file kept mapped likewise.
 */
final class ResultReader {
    /** What a frame's result came to: the value (a {@link ResultSegment} for a segment), bytes inline and mapped. */
    record Read(Object value, long inlineBytes, long segmentBytes) {
    }

    private final Path dir;

    /** Reads result files of {@code resultsDirectory} (the pool's). */
    ResultReader(Path resultsDirectory) {
        this.dir = resultsDirectory;
    }

    /** Reads the result of kind {@code kind} from the rest of frame {@code f} with the job's {@code kryo}. */
    Read read(byte kind, Frame f, Kryo kryo) throws IOException {
        switch (kind) {
            case ResultWriter.INLINE -> {
                byte[] b = f.getBytes();
                return new Read(kryo.readClassAndObject(new Input(b)), b.length, 0);
            }
            case ResultWriter.OBJECT_SEGMENT -> {
                String name = f.getString();
                Path file = ResultFiles.adopt(ResultFiles.resolve(dir, name));
                ObjectSegment seg = ObjectSegment.open(file);
                try {
                    Object value = seg.read(kryo);
                    return new Read(ResultSegment.ofObject(file, seg, value), name.length(), seg.length());
                } catch (RuntimeException | LinkageError e) {
                    seg.close();
                    Files.deleteIfExists(file);
                    throw e;
                }
            }
            case ResultWriter.TABLE_SEGMENT -> {
                String name = f.getString();
                Path file = ResultFiles.adopt(ResultFiles.resolve(dir, name));
                SharedTable view = openTable(file);
                ResultSegment r = ResultSegment.ofTable(file, view, copy(view, file));
                return new Read(r, name.length(), r.bytes());
            }
            case ResultWriter.TABLE_INLINE -> {
                byte[] b = f.getBytes();
                Path file = dir.resolve(ResultFiles.fresh(0, 0, ResultFiles.ARROW));
                try (FileChannel ch = PrivatePaths.openNew(file)) {
                    ByteBuffer buf = ByteBuffer.wrap(b);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                try (SharedTable view = SharedTable.open(file)) {
                    return new Read(view.copyToTable(), b.length, 0);
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            default -> throw new IOException("unknown result kind=" + kind + " in a RESULT frame (worker of another"
                    + " shmkit version?)");
        }
    }

    /** Deletes the file a frame of {@code kind} names (its job is gone); reads nothing else. */
    void discard(byte kind, Frame f) {
        if (kind == ResultWriter.OBJECT_SEGMENT || kind == ResultWriter.TABLE_SEGMENT) {
            try {
                Files.deleteIfExists(ResultFiles.resolve(dir, f.getString()));
            } catch (IOException | RuntimeException ignored) {
                // the pool's close removes its directory
            }
        }
    }

    private static SharedTable openTable(Path file) throws IOException {
        try {
            return SharedTable.open(file);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Object copy(SharedTable view, Path file) throws IOException {
        try {
            return view.copyToTable();
        } catch (RuntimeException e) {
            view.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
