package dev.shmkit.job;

import dev.shmkit.object.ObjectSegment;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One task's result that came back through a result segment: a file in the pool's private directory
 * ({@code <space base>/.pools/<pid>.<seq>/results/}, never a named entry of a space, so {@code %space}
 * does not list it) that the worker wrote and the parent maps read-only. It holds the heap value the
 * job's {@link JobResult#values()} show and the mapping, so the same bytes can also be read in place
 * ({@link #objectSegment()}{@code .doubles("$")}, {@link #table()}). {@link #close()} unmaps and
 * deletes the file; {@link JobResult#close()} closes every one of a job, a JobResult nobody references
 * closes them when collected, and closing the pool removes its directory (a mapping still held stays
 * valid until closed: POSIX keeps an unlinked file's pages while mapped).
 */
public final class ResultSegment implements AutoCloseable {
    private final Path file;
    private final long bytes;
    private final ObjectSegment object;
    private final SharedTable table;
    private final Object value;
    private boolean closed;

    private ResultSegment(Path file, long bytes, ObjectSegment object, SharedTable table, Object value) {
        this.file = file;
        this.bytes = bytes;
        this.object = object;
        this.table = table;
        this.value = value;
    }

    /** A result read from object segment {@code segment} (file {@code file}) into heap {@code value}. */
    public static ResultSegment ofObject(Path file, ObjectSegment segment, Object value) {
        return new ResultSegment(file, segment.length(), segment, null, value);
    }

    /** A Tablesaw table result: the Arrow file {@code view} maps and the heap {@code copy} made from it. */
    public static ResultSegment ofTable(Path file, SharedTable view, Object copy) {
        return new ResultSegment(file, fileSize(file), null, view, copy);
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The result segment file (deleted by {@link #close()}). */
    public Path path() {
        return file;
    }

    /** Length of the segment file in bytes: what the parent mapped instead of receiving through the socket. */
    public long bytes() {
        return bytes;
    }

    /** The heap value read from the segment (arrays over 1 MiB with one bulk copy each; a Table column by column). */
    public Object value() {
        return value;
    }

    /** The mapped object segment, for zero-copy views of its big arrays; null for a table result. */
    public ObjectSegment objectSegment() {
        return object;
    }

    /** The mapped Arrow file of a table result, read in place; null for an object result. */
    public SharedTable table() {
        return table;
    }

    /** Whether {@link #close()} ran. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Unmaps the segment and deletes its file; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (object != null) {
                object.close();
            }
            if (table != null) {
                table.close();
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the pool's close or the next pool's sweep of dead pools removes it
            }
        }
    }

    /** Closes {@code segments} (nulls skipped), keeping later failures as suppressed. */
    public static void closeAll(ResultSegment... segments) {
        JobResult.closeAll(java.util.Arrays.asList(segments));
    }

    @Override
    public String toString() {
        return "ResultSegment[" + file.getFileName() + ", bytes=" + bytes + (closed ? ", closed" : "") + "]";
    }
}
