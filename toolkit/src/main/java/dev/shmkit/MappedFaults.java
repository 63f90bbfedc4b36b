package dev.shmkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A segment file changed under a reader. Truncating a mapped file makes reads of its lost pages
 * fault (SIGBUS); the JVM turns that into an {@code InternalError} ("a fault occurred in a recent
 * unsafe memory access"), which the views catch and turn into a {@link SegmentFormatException}
 * with {@link #changed}. HotSpot raises that error at the thread's next safepoint poll, not at the
 * read: when the read was compiled into the caller's code (a single-value {@code get} inlined into
 * a hot loop, or the last read before a method returns) it can surface in the caller, still as an
 * {@code InternalError}, past the view's {@code catch}. The JVM survives either way.
 */
public final class MappedFaults {
    /** Whether {@code e} is the JVM's report of a fault in mapped memory (a truncated file's SIGBUS). */
    public static boolean isFault(Throwable e) {
        return e instanceof InternalError && e.getMessage() != null
                && e.getMessage().contains("fault occurred in a recent unsafe memory access");
    }

    /**
     * The exception for a file changed under a reader after it was validated: an offset read from it
     * now points outside its buffer, or a page faulted.
     *
     * @param what   what was being read, e.g. {@code column 's'}
     * @param detail the numbers that were wrong
     */
    public static SegmentFormatException changed(Path path, String what, String detail, Throwable cause) {
        long now = -1;
        try {
            now = Files.size(path);
        } catch (IOException | RuntimeException e) {
            // gone or unreadable: reported as length now=-1
        }
        return new SegmentFormatException(path, what + ": " + detail + " (file length now=" + now
                + "): the file was changed or truncated while mapped; segments must not be modified in place"
                + " (publish a new version instead); reading other segments is unaffected", cause);
    }
}
