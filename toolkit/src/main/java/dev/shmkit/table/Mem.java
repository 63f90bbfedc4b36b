package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.RawMemory;
import sun.misc.Unsafe;

import java.nio.ByteOrder;

/**
 * Raw little-endian reads of mapped memory for hot loops. Callers pass addresses inside ranges
 * that {@link ArrowFileParser} validated against the file at open.
 */
final class Mem {
    static final Unsafe U;

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ShmkitException("shmkit reads Arrow files on little-endian CPUs only; this one is "
                    + ByteOrder.nativeOrder());
        }
        U = RawMemory.UNSAFE;
    }

    private Mem() {
    }

    /** Copies {@code bytes} bytes from {@code address} into {@code array} (a primitive array) at element 0. */
    static void copyToArray(long address, Object array, long bytes) {
        long base = U.arrayBaseOffset(array.getClass());
        U.copyMemory(null, address, array, base, bytes);
    }
}
