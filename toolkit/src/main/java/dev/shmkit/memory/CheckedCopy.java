package dev.shmkit.memory;

import sun.misc.Unsafe;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * Copies part of a primitive array into native memory and says whether any value it copied is a
 * missing-value marker, in one pass: each value is loaded once, tested without a branch and stored.
 * The markers are Tablesaw's: any NaN in a {@code double[]} or {@code float[]},
 * {@code Long.MIN_VALUE} in a {@code long[]}, {@code Integer.MIN_VALUE} in an {@code int[]}. Copying is
 * memory bound, so the test costs next to nothing here, where a separate scan before the copy read the
 * whole array once more (about 30 ms for 320 MB on this machine). Values land in native byte order.
 *
 * <p>Small files are written through a staging buffer by processes that may never map anything, so this
 * class reaches {@code Unsafe} through {@link RawMemory} instead of through Chronicle (whose {@code Jvm} class costs 1-2 s of
 * initialisation in a fresh JVM here).
 */
public final class CheckedCopy {
    /** A double's bits without the sign are above this exactly when it is a NaN (equal: an infinity). */
    private static final long DOUBLE_INFINITY = 0x7ff0_0000_0000_0000L;
    private static final long FLOAT_INFINITY = 0x7f80_0000L;
    private static final Unsafe U;
    /** Where a direct buffer keeps its native address. */
    private static final long BUFFER_ADDRESS;

    static {
        U = RawMemory.UNSAFE;
        try {
            BUFFER_ADDRESS = U.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("cannot reach Buffer.address: " + e, e);
        }
    }

    private CheckedCopy() {
    }

    /** Whether {@link #copy} checks arrays of this kind. */
    public static boolean checks(Object array) {
        return array instanceof double[] || array instanceof float[] || array instanceof long[] || array instanceof int[];
    }

    /**
     * {@link #copy(Object, long, long, long)} into direct buffer {@code target} at its position (which
     * it leaves where it is).
     */
    public static boolean copy(Object array, long fromByte, int bytes, ByteBuffer target) {
        if (!target.isDirect() || target.isReadOnly() || bytes > target.remaining()) {
            throw new IllegalArgumentException("copy of " + bytes + " bytes into " + target + " (direct="
                    + target.isDirect() + ", read-only=" + target.isReadOnly() + ")");
        }
        return copy(array, fromByte, bytes, U.getLong(target, BUFFER_ADDRESS) + target.position());
    }

    /**
     * Copies {@code bytes} bytes of {@code array}, from byte {@code fromByte} of its elements, to
     * {@code address}; both counts are whole elements.
     *
     * @return whether a copied value is a marker (a NaN of any payload or sign, but not -0.0 or an
     *         infinity; the type's {@code MIN_VALUE} for long and int)
     */
    public static boolean copy(Object array, long fromByte, long bytes, long address) {
        if (array instanceof double[] d) {
            checkBounds(fromByte, bytes, (long) d.length << 3, 8);
            return copyDoubles(d, Unsafe.ARRAY_DOUBLE_BASE_OFFSET + fromByte, (int) (bytes >>> 3), address);
        }
        if (array instanceof long[] l) {
            checkBounds(fromByte, bytes, (long) l.length << 3, 8);
            return copyLongs(l, Unsafe.ARRAY_LONG_BASE_OFFSET + fromByte, (int) (bytes >>> 3), address);
        }
        if (array instanceof float[] f) {
            checkBounds(fromByte, bytes, (long) f.length << 2, 4);
            return copyFloats(f, Unsafe.ARRAY_FLOAT_BASE_OFFSET + fromByte, bytes, address);
        }
        if (array instanceof int[] i) {
            checkBounds(fromByte, bytes, (long) i.length << 2, 4);
            return copyInts(i, Unsafe.ARRAY_INT_BASE_OFFSET + fromByte, bytes, address);
        }
        throw new IllegalArgumentException("not a double[], float[], long[] or int[]: " + array);
    }

    private static boolean copyDoubles(double[] a, long src, int n, long address) {
        long seen = 0; // negative once a NaN went through: INFINITY - magnitude < 0 exactly for NaNs
        for (int i = 0; i < n; i++) {
            long v = U.getLong(a, src + ((long) i << 3));
            seen |= DOUBLE_INFINITY - (v & Long.MAX_VALUE);
            U.putLong(address + ((long) i << 3), v);
        }
        return seen < 0;
    }

    private static boolean copyLongs(long[] a, long src, int n, long address) {
        long seen = 0;
        for (int i = 0; i < n; i++) {
            long v = U.getLong(a, src + ((long) i << 3));
            seen |= isZero(v ^ Long.MIN_VALUE);
            U.putLong(address + ((long) i << 3), v);
        }
        return seen < 0;
    }

    /** Two floats per 8-byte load and store; an odd last one alone. */
    private static boolean copyFloats(float[] a, long src, long bytes, long address) {
        int pairs = (int) (bytes >>> 3);
        long seen = 0;
        for (int i = 0; i < pairs; i++) {
            long v = U.getLong(a, src + ((long) i << 3));
            seen |= (FLOAT_INFINITY - (v & Integer.MAX_VALUE)) | (FLOAT_INFINITY - ((v >>> 32) & Integer.MAX_VALUE));
            U.putLong(address + ((long) i << 3), v);
        }
        if ((bytes & 4) != 0) {
            long at = (long) pairs << 3;
            int v = U.getInt(a, src + at);
            seen |= FLOAT_INFINITY - (v & Integer.MAX_VALUE);
            U.putInt(address + at, v);
        }
        return seen < 0;
    }

    /** Two ints per 8-byte load and store; an odd last one alone. */
    private static boolean copyInts(int[] a, long src, long bytes, long address) {
        int pairs = (int) (bytes >>> 3);
        int seen = 0;
        for (int i = 0; i < pairs; i++) {
            long v = U.getLong(a, src + ((long) i << 3));
            seen |= isZero((int) v ^ Integer.MIN_VALUE) | isZero((int) (v >>> 32) ^ Integer.MIN_VALUE);
            U.putLong(address + ((long) i << 3), v);
        }
        if ((bytes & 4) != 0) {
            long at = (long) pairs << 3;
            int v = U.getInt(a, src + at);
            seen |= isZero(v ^ Integer.MIN_VALUE);
            U.putInt(address + at, v);
        }
        return seen < 0;
    }

    /** Negative exactly when {@code x == 0}, without a branch. */
    private static long isZero(long x) {
        return (x - 1) & ~x;
    }

    private static int isZero(int x) {
        return (x - 1) & ~x;
    }

    /** Unsafe does not check: a wrong range would read past the array. */
    private static void checkBounds(long fromByte, long bytes, long arrayBytes, int width) {
        if (fromByte < 0 || bytes < 0 || fromByte + bytes > arrayBytes || fromByte % width != 0 || bytes % width != 0) {
            throw new IndexOutOfBoundsException("copy of bytes [" + fromByte + ", " + (fromByte + bytes)
                    + ") from an array of " + arrayBytes + " bytes (elements of " + width + ")");
        }
    }
}
