package dev.shmkit.memory;

import net.openhft.chronicle.core.UnsafeMemory;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckedCopyTest {
    private static final Unsafe U = UnsafeMemory.UNSAFE;
    private static final int N = 37; // odd: floats and ints end with one alone

    @Test
    void shouldFindEveryMarkerAtEveryPositionAndCopyTheBitsUnchanged() {
        double[] doubleMarkers = {Double.NaN, Double.longBitsToDouble(0x7ff0_0000_0000_0001L),
                Double.longBitsToDouble(0xfff8_0000_0000_0000L), Double.longBitsToDouble(-1L)};
        double[] doubleValues = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                -Double.MIN_VALUE};
        float[] floatMarkers = {Float.NaN, Float.intBitsToFloat(0x7f80_0001), Float.intBitsToFloat(0xffc0_0000),
                Float.intBitsToFloat(-1)};
        float[] floatValues = {-0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -Float.MAX_VALUE};
        long[] longValues = {Long.MIN_VALUE + 1, Long.MAX_VALUE, 0, -1};
        int[] intValues = {Integer.MIN_VALUE + 1, Integer.MAX_VALUE, 0, -1};
        for (int at = 0; at < N; at++) {
            for (double m : doubleMarkers) {
                check(fill(new double[N], at, m), true);
            }
            for (double v : doubleValues) {
                check(fill(new double[N], at, v), false);
            }
            for (float m : floatMarkers) {
                check(fill(new float[N], at, m), true);
            }
            for (float v : floatValues) {
                check(fill(new float[N], at, v), false);
            }
            long[] l = new long[N];
            l[at] = Long.MIN_VALUE;
            check(l, true);
            for (long v : longValues) {
                l[at] = v;
                check(l, false);
            }
            int[] i = new int[N];
            i[at] = Integer.MIN_VALUE;
            check(i, true);
            for (int v : intValues) {
                i[at] = v;
                check(i, false);
            }
        }
    }

    @Test
    void shouldCheckOnlyTheRangeItCopies() {
        double[] d = new double[N];
        d[0] = Double.NaN;
        d[N - 1] = Double.NaN;
        long to = U.allocateMemory(N * 8L);
        try {
            assertEquals(false, CheckedCopy.copy(d, 8, (N - 2) * 8L, to));
            assertEquals(true, CheckedCopy.copy(d, 8, (N - 1) * 8L, to));
            assertThrows(IndexOutOfBoundsException.class, () -> CheckedCopy.copy(d, 8, N * 8L, to));
            assertThrows(IndexOutOfBoundsException.class, () -> CheckedCopy.copy(new float[3], 2, 4, to));
            assertThrows(IllegalArgumentException.class, () -> CheckedCopy.copy(new short[3], 0, 2, to));
        } finally {
            U.freeMemory(to);
        }
    }

    private static double[] fill(double[] a, int at, double v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 1.5;
        }
        a[at] = v;
        return a;
    }

    private static float[] fill(float[] a, int at, float v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 1.5f;
        }
        a[at] = v;
        return a;
    }

    /** Copies the whole array and compares the copy with the array's bytes as a heap buffer has them. */
    private static void check(Object array, boolean marker) {
        int width = array instanceof double[] || array instanceof long[] ? 8 : 4;
        long bytes = (long) N * width;
        long to = U.allocateMemory(bytes);
        try {
            assertEquals(marker, CheckedCopy.copy(array, 0, bytes, to), array.getClass().getSimpleName());
            ByteBuffer expected = ByteBuffer.allocate((int) bytes).order(ByteOrder.nativeOrder());
            if (array instanceof double[] d) {
                for (double v : d) {
                    expected.putLong(Double.doubleToRawLongBits(v));
                }
            } else if (array instanceof float[] f) {
                for (float v : f) {
                    expected.putInt(Float.floatToRawIntBits(v));
                }
            } else if (array instanceof long[] l) {
                for (long v : l) {
                    expected.putLong(v);
                }
            } else {
                for (int v : (int[]) array) {
                    expected.putInt(v);
                }
            }
            for (int b = 0; b < bytes; b++) {
                assertEquals(expected.get(b), U.getByte(to + b), "byte " + b);
            }
        } finally {
            U.freeMemory(to);
        }
    }
}
