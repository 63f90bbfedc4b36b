package dev.shmkit.object;

import dev.shmkit.memory.Mapping;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * A read-only, zero-copy view of a {@code double[]} stored out-of-band in an object segment:
 * reads go to the mapped pages. Valid while its {@link ObjectSegment} is open; use after close
 * throws instead of touching unmapped memory.
 */
public final class DoubleArrayView {
    private final Mapping mapping;
    private final ArrayInfo info;
    private final int length;

    DoubleArrayView(Mapping mapping, ArrayInfo info) {
        this.mapping = mapping;
        this.info = info;
        this.length = (int) info.length();
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /** Path of the array in the stored object graph. */
    public String path() {
        return info.path();
    }

    /** Element {@code i}; bounds-checked. */
    public double get(int i) {
        try {
            if (i < 0 || i >= length) {
                throw ViewSupport.outOfBounds(info.path(), i, length);
            }
            ViewSupport.checkOpen(mapping, info.path());
            return UnsafeMemory.MEMORY.readDouble(ViewSupport.address(mapping, info) + ((long) i << 3));
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    /** Sum of all elements. */
    public double sum() {
        return sum(0, length);
    }

    /** Sum of elements {@code [from, to)}, with four accumulators. */
    public double sum(int from, int to) {
        try {
            ViewSupport.checkRange(from, to, length, info.path());
            ViewSupport.checkOpen(mapping, info.path());
            long a = ViewSupport.address(mapping, info);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                long p = a + ((long) i << 3);
                s0 += UnsafeMemory.MEMORY.readDouble(p);
                s1 += UnsafeMemory.MEMORY.readDouble(p + 8);
                s2 += UnsafeMemory.MEMORY.readDouble(p + 16);
                s3 += UnsafeMemory.MEMORY.readDouble(p + 24);
            }
            for (; i < to; i++) {
                s0 += UnsafeMemory.MEMORY.readDouble(a + ((long) i << 3));
            }
            return (s0 + s1) + (s2 + s3);
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    /** A fresh heap copy of the whole array (bulk memory copy). */
    public double[] copyToArray() {
        try {
            ViewSupport.checkOpen(mapping, info.path());
            double[] out = new double[length];
            ViewSupport.copy(ViewSupport.address(mapping, info), out, info.byteLength());
            return out;
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    @Override
    public String toString() {
        return "DoubleArrayView[" + info.path() + ", length=" + length + "]";
    }
}
