package dev.shmkit.job;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentNotFoundException;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Copy-mode input of a table task: the range, and the table version whose file the backend streams
 * to the worker with the task (in bounded slices, never as one array). The worker receives the bytes
 * into a private file ({@link TaskContext#receivedCopy()}) under the space's {@code .tmp/}, which lives
 * for this one task.
 *
 * @param range       rows of the task
 * @param table       the version the caller holds (found even after a republish retired it)
 * @param foreignFile for an Arrow file outside any space, its path (received into the pool's own directory); else null
 * @param bytes       the file's length
 */
public record TableCopy(RowRange range, SegmentId table, String foreignFile, long bytes) implements StreamedInput, Serializable {
    /** Name of the directory of a space where private temporary files live (swept by the space). */
    public static final String TMP_DIR = ".tmp";

    /** Where the version's file is now (its space directory, or {@code .retired/} after a republish). */
    @Override
    public String streamFile() {
        if (foreignFile != null) {
            return foreignFile;
        }
        return LocalSegmentSource.get().locateFile(table).map(Path::toString).orElseThrow(() ->
                new SegmentNotFoundException("copy mode: segment " + table + " in space " + table.space()
                        + " has no file any more (removed, and nobody maps it); attach the current version"));
    }

    /** Maps the version (under its space's lock, which recycling respects) until the hold is closed. */
    @Override
    public Hold hold() {
        if (foreignFile != null) {
            return () -> { }; // not a space's file: nothing recycles it
        }
        return LocalSegmentSource.get().map(table)::close;
    }

    @Override
    public long streamBytes() {
        return bytes;
    }

    @Override
    public String receiveDirectory() {
        if (foreignFile != null) {
            return null; // the backend's own private directory
        }
        return table.spaceDirectory().resolve(TMP_DIR).toString();
    }
}
