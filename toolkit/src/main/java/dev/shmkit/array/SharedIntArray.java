package dev.shmkit.array;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.shmkit.memory.FaultSafeLoads;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.WritableSegment;

/**
 * A {@code int[]} in shared memory, written in place by any process it is handed to (see
 * {@link SharedArray} for when it is visible and which operations are atomic). Create one with
 * {@code space.allocateInts("name", n)}; a task that captures it writes the same pages:
 * {@code pool.mapItems(items, i -> hist.addAndGet(bucket(i), 1))}.
 */
@DefaultSerializer(SharedArraySerializer.class)
public final class SharedIntArray extends SharedArray {
    private static final long HEAP_BASE = U.arrayBaseOffset(int[].class);

    private SharedIntArray(Mapping mapping, SegmentId id, int length, WritableSegment owner) {
        super(mapping, id, ElementType.INT, length, owner);
    }

    /** Creates a zero-filled draft {@code name} of {@code length} elements in {@code store} (the space's files). */
    public static SharedIntArray allocate(SegmentStore store, String name, long length) {
        Created c = create(store, name, ElementType.INT, length);
        return new SharedIntArray(c.mapping(), c.segment().id(), c.length(), c.segment());
    }

    /** Maps version {@code id}: a draft read-write, a published version read-only (the caller closes it). */
    public static SharedIntArray attach(SegmentId id) {
        Attached a = attach(id, ElementType.INT);
        SharedIntArray array = new SharedIntArray(a.mapping(), id, a.header().length(), null);
        if (!a.mapping().isWritable()) {
            array.markPublished(id);
        }
        return array;
    }

    /** Element {@code i} (a plain load). */
    public int get(int i) {
        return FaultSafeLoads.int32(readAddress(i, 2));
    }

    /** Sets element {@code i} (a plain store: not atomic with a {@link #get} before it). */
    public void set(int i, int value) {
        U.putInt(null, writeAddress(i, 2), value);
    }

    /** Element {@code i}, read with volatile semantics (sees every write ordered before it in any process). */
    public int getVolatile(int i) {
        return U.getIntVolatile(null, readAddress(i, 2));
    }

    /** Atomically (across processes) adds {@code delta} to element {@code i}; returns the new value. */
    public int addAndGet(int i, int delta) {
        return U.getAndAddInt(null, writeAddress(i, 2), delta) + delta;
    }

    /** Atomically (across processes) adds {@code delta} to element {@code i}; returns the previous value. */
    public int getAndAdd(int i, int delta) {
        return U.getAndAddInt(null, writeAddress(i, 2), delta);
    }

    /** Atomically (across processes) sets element {@code i} to {@code update} if it holds {@code expected}. */
    public boolean compareAndSet(int i, int expected, int update) {
        return U.compareAndSwapInt(null, writeAddress(i, 2), expected, update);
    }

    /** Sets every element to {@code value} (plain stores). */
    public void fill(int value) {
        fill(0, length(), value);
    }

    /** Sets elements {@code [from, to)} to {@code value} (plain stores). */
    public void fill(int from, int to, int value) {
        checkRange(from, (long) to - from, "fill");
        if (to > from) {
            long a = writeAddress(from, 2);
            for (long p = a, end = a + ((long) (to - from) << 2); p < end; p += 1L << 2) {
                U.putInt(null, p, value);
            }
        }
    }

    /** Copies all of {@code src} into elements {@code [0, src.length)} (bulk memory copy, plain stores). */
    public void copyFrom(int[] src) {
        copyFrom(0, src, 0, src.length);
    }

    /** Copies {@code src[srcFrom, srcFrom + count)} into elements {@code [at, at + count)}. */
    public void copyFrom(int at, int[] src, int srcFrom, int count) {
        checkRange(at, count, "copyFrom");
        java.util.Objects.checkFromIndexSize(srcFrom, count, src.length);
        if (count > 0) {
            copy(src, HEAP_BASE + ((long) srcFrom << 2), writeAddress(at, 2), (long) count << 2, true);
        }
    }

    /** Copies elements {@code [from, from + count)} into {@code dst[dstFrom, dstFrom + count)}. */
    public void copyTo(int from, int[] dst, int dstFrom, int count) {
        checkRange(from, count, "copyTo");
        java.util.Objects.checkFromIndexSize(dstFrom, count, dst.length);
        if (count > 0) {
            copy(dst, HEAP_BASE + ((long) dstFrom << 2), readAddress(from, 2), (long) count << 2, false);
        }
    }

    /** A heap copy of every element (named a copy: it is one). */
    public int[] copyToArray() {
        int[] out = new int[length()];
        copyTo(0, out, 0, length());
        return out;
    }

    /** Sum of every element (plain loads). */
    public long sum() {
        checkOpen();
        long s = 0;
        for (int i = 0; i < length(); i++) {
            s += FaultSafeLoads.int32(base + ((long) i << 2));
        }
        return s;
    }
}
