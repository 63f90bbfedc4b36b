package dev.shmkit.object;

import dev.shmkit.memory.FaultSafeLoads;
import dev.shmkit.memory.Mapping;

/**
 * A read-only, zero-copy view of a {@code int[]} stored out-of-band in an object segment:
 * reads go to the mapped pages. Valid while its {@link ObjectSegment} is open; use after close
 * throws instead of touching unmapped memory.
 */
public final class IntArrayView {
    private final Mapping mapping;
    private final ArrayInfo info;
    private final int length;

    IntArrayView(Mapping mapping, ArrayInfo info) {
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
    public int get(int i) {
        try {
            if (i < 0 || i >= length) {
                throw ViewSupport.outOfBounds(info.path(), i, length);
            }
            ViewSupport.checkOpen(mapping, info.path());
            return FaultSafeLoads.int32(ViewSupport.address(mapping, info) + ((long) i << 2));
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    /** Sum of all elements. */
    public long sum() {
        return sum(0, length);
    }

    /** Sum of elements {@code [from, to)}, with four accumulators. */
    public long sum(int from, int to) {
        try {
            ViewSupport.checkRange(from, to, length, info.path());
            ViewSupport.checkOpen(mapping, info.path());
            long a = ViewSupport.address(mapping, info);
            long s0 = 0;
            long s1 = 0;
            long s2 = 0;
            long s3 = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                long p = a + ((long) i << 2);
                s0 += FaultSafeLoads.int32(p);
                s1 += FaultSafeLoads.int32(p + 4);
                s2 += FaultSafeLoads.int32(p + 8);
                s3 += FaultSafeLoads.int32(p + 12);
            }
            for (; i < to; i++) {
                s0 += FaultSafeLoads.int32(a + ((long) i << 2));
            }
            return (s0 + s1) + (s2 + s3);
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    /** A fresh heap copy of the whole array (bulk memory copy). */
    public int[] copyToArray() {
        try {
            ViewSupport.checkOpen(mapping, info.path());
            int[] out = new int[length];
            ViewSupport.copy(ViewSupport.address(mapping, info), out, info.byteLength());
            return out;
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, info.path(), e);
        }
    }

    @Override
    public String toString() {
        return "IntArrayView[" + info.path() + ", length=" + length + "]";
    }
}
