package dev.shmkit.memory;

import sun.misc.Unsafe;

import java.lang.reflect.Field;

/**
 * {@code sun.misc.Unsafe}, reached directly rather than through Chronicle (whose {@code Jvm} class costs
 * 1-2 s of initialisation in a fresh JVM here): for the hot loops that copy or read memory whose ranges
 * their callers have checked (the table readers, the checked copy of a publish).
 */
public final class RawMemory {
    /** The JVM's {@code Unsafe}. */
    public static final Unsafe UNSAFE;

    static {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            UNSAFE = (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach sun.misc.Unsafe: " + e, e);
        }
    }

    private RawMemory() {
    }
}
