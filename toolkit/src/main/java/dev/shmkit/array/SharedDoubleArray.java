package dev.shmkit.array;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.WritableSegment;

/**
 * A {@code double[]} in shared memory, written in place by any process it is handed to (see
 * {@link SharedArray} for when it is visible and which operations are atomic). Create one with
 * {@code space.allocateDoubles("name", n)}; a task that captures it writes the same pages:
 * {@code pool.mapItems(items, i -> hist.addAndGet(bucket(i), 1))}.
 */
@DefaultSerializer(SharedArraySerializer.class)
public final class SharedDoubleArray extends SharedArray {
    private static final long HEAP_BASE = U.arrayBaseOffset(double[].class);

    private SharedDoubleArray(Mapping mapping, SegmentId id, int length, WritableSegment owner) {
        super(mapping, id, ElementType.DOUBLE, length, owner);
    }

    /** Creates a zero-filled draft {@code name} of {@code length} elements in {@code store} (the space's files). */
    public static SharedDoubleArray allocate(SegmentStore store, String name, long length) {
        Created c = create(store, name, ElementType.DOUBLE, length);
        return new SharedDoubleArray(c.mapping(), c.segment().id(), c.length(), c.segment());
    }

    /** Maps version {@code id}: a draft read-write, a published version read-only (the caller closes it). */
    public static SharedDoubleArray attach(SegmentId id) {
        Attached a = attach(id, ElementType.DOUBLE);
        SharedDoubleArray array = new SharedDoubleArray(a.mapping(), id, a.header().length(), null);
        if (!a.mapping().isWritable()) {
            array.markPublished(id);
        }
        return array;
    }

    /** Element {@code i} (a plain load). */
    public double get(int i) {
        return U.getDouble(null, readAddress(i, 3));
    }

    /** Sets element {@code i} (a plain store: not atomic with a {@link #get} before it). */
    public void set(int i, double value) {
        U.putDouble(null, writeAddress(i, 3), value);
    }

    /** Element {@code i}, read with volatile semantics (sees every write ordered before it in any process). */
    public double getVolatile(int i) {
        return U.getDoubleVolatile(null, readAddress(i, 3));
    }

    /** Atomically (across processes) adds {@code delta} to element {@code i}; returns the new value. */
    public double addAndGet(int i, double delta) {
        return addDouble(writeAddress(i, 3), delta) + delta;
    }

    /** Atomically (across processes) adds {@code delta} to element {@code i}; returns the previous value. */
    public double getAndAdd(int i, double delta) {
        return addDouble(writeAddress(i, 3), delta);
    }

    /**
     * Atomically (across processes) sets element {@code i} to {@code update} if it holds {@code expected},
     * compared bit for bit (so {@code -0.0} differs from {@code 0.0}, and a NaN matches the same NaN bits).
     */
    public boolean compareAndSet(int i, double expected, double update) {
        return U.compareAndSwapLong(null, writeAddress(i, 3), Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(update));
    }

    /** Sets every element to {@code value} (plain stores). */
    public void fill(double value) {
        fill(0, length(), value);
    }

    /** Sets elements {@code [from, to)} to {@code value} (plain stores). */
    public void fill(int from, int to, double value) {
        checkRange(from, (long) to - from, "fill");
        if (to > from) {
            long a = writeAddress(from, 3);
            for (long p = a, end = a + ((long) (to - from) << 3); p < end; p += 1L << 3) {
                U.putDouble(null, p, value);
            }
        }
    }

    /** Copies all of {@code src} into elements {@code [0, src.length)} (bulk memory copy, plain stores). */
    public void copyFrom(double[] src) {
        copyFrom(0, src, 0, src.length);
    }

    /** Copies {@code src[srcFrom, srcFrom + count)} into elements {@code [at, at + count)}. */
    public void copyFrom(int at, double[] src, int srcFrom, int count) {
        checkRange(at, count, "copyFrom");
        java.util.Objects.checkFromIndexSize(srcFrom, count, src.length);
        if (count > 0) {
            copy(src, HEAP_BASE + ((long) srcFrom << 3), writeAddress(at, 3), (long) count << 3, true);
        }
    }

    /** Copies elements {@code [from, from + count)} into {@code dst[dstFrom, dstFrom + count)}. */
    public void copyTo(int from, double[] dst, int dstFrom, int count) {
        checkRange(from, count, "copyTo");
        java.util.Objects.checkFromIndexSize(dstFrom, count, dst.length);
        if (count > 0) {
            copy(dst, HEAP_BASE + ((long) dstFrom << 3), readAddress(from, 3), (long) count << 3, false);
        }
    }

    /** A heap copy of every element (named a copy: it is one). */
    public double[] copyToArray() {
        double[] out = new double[length()];
        copyTo(0, out, 0, length());
        return out;
    }

    /** Sum of every element (plain loads). */
    public double sum() {
        checkOpen();
        double s = 0;
        for (int i = 0; i < length(); i++) {
            s += U.getDouble(null, base + ((long) i << 3));
        }
        return s;
    }

    /** Compare-and-set loop on the raw bits; returns the value before the add. */
    private static double addDouble(long address, double delta) {
        while (true) {
            long bits = U.getLongVolatile(null, address);
            double now = Double.longBitsToDouble(bits);
            if (U.compareAndSwapLong(null, address, bits, Double.doubleToRawLongBits(now + delta))) {
                return now;
            }
        }
    }
}
