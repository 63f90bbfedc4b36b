package dev.shmkit.object;

import dev.shmkit.MappedFaults;
import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;
import net.openhft.chronicle.core.UnsafeMemory;

/** Shared checks and the bulk copy behind the zero-copy array views. */
final class ViewSupport {
    /** Copy in pieces so a multi-GB copy does not hold off safepoints for its whole duration. */
    private static final int COPY_CHUNK = 1 << 20;

    private ViewSupport() {
    }

    /** Base address of {@code info}'s data, after checking the mapping is still open. */
    static long address(Mapping mapping, ArrayInfo info) {
        return mapping.address() + info.offset();
    }

    static void checkOpen(Mapping mapping, String path) {
        if (mapping.isClosed()) {
            throw new ShmkitException("view '" + path + "' of " + mapping.path()
                    + " is closed: its segment was closed; open the segment again");
        }
    }

    static void checkRange(int from, int to, int length, String path) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("view '" + path + "': range [" + from + ", " + to
                    + ") outside [0, " + length + ")");
        }
    }

    /** A fault in mapped memory (the file was truncated under this reader) as an exception naming the file. */
    static RuntimeException faulted(Mapping mapping, String path, InternalError e) {
        if (!MappedFaults.isFault(e)) {
            throw e;
        }
        return MappedFaults.changed(mapping.path(), "array view '" + path + "'",
                "a read of mapped memory faulted (mapped length=" + mapping.length() + ")", e);
    }

    static IndexOutOfBoundsException outOfBounds(String path, int index, int length) {
        return new IndexOutOfBoundsException("view '" + path + "': index=" + index + " length=" + length);
    }

    /** Copies {@code bytes} bytes from {@code address} into the heap array {@code dest} (memcpy speed). */
    static void copy(long address, Object dest, long bytes) {
        long base = UnsafeMemory.MEMORY.arrayBaseOffset(dest.getClass());
        for (long done = 0; done < bytes; done += COPY_CHUNK) {
            int n = (int) Math.min(COPY_CHUNK, bytes - done);
            UnsafeMemory.MEMORY.copyMemory(address + done, dest, base + done, n);
        }
    }
}
