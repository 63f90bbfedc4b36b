package dev.shmkit.memory;

import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.posix.PosixAPI;
import sun.misc.Unsafe;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Copies primitive arrays straight into a read-write {@link Mapping}, split into ranges of
 * {@value #RANGE_BYTES} bytes that every core takes in turn: one copy from the heap to the shared
 * pages, no staging buffer. Allocated tmpfs pages are zeroed when first touched, so this also spreads
 * that over the cores. Pieces marked {@code checkMissing} go through {@link CheckedCopy} instead of
 * {@code Unsafe.copyMemory} (on Java 17 both are 8-byte load/store loops, memory bound; within the noise
 * of each other here), which also says whether a missing-value marker went by.
 *
 * <p>Each thread first maps the pages of its range with {@code madvise(MADV_POPULATE_WRITE)} (Linux
 * 5.14+), one call instead of a page fault per 4 KiB page: into the allocated pages of a 320 MB file
 * on {@code /dev/shm} (4 KiB pages), two threads copy in 0.044-0.064 s with it and 0.078-0.1 s without,
 * where one {@code pwrite} takes 0.10 s (C, this machine). Where the call is refused, the copy faults
 * the pages in as before.
 *
 * <p>The arrays' bytes land in native order; Arrow files are little-endian, so callers check
 * {@link #nativeLittleEndian()} first.
 */
public final class MappedWrites {
    /** A range one thread copies at a time: big enough that claiming it costs nothing, small enough to balance 2-64 cores. */
    static final long RANGE_BYTES = 4L << 20;
    /** Below this many bytes the calling thread copies alone (handing ranges to other threads costs more than it saves). */
    static final long PARALLEL_MIN_BYTES = 16L << 20;
    /** Unsafe.copyMemory from the heap (and setMemory) holds off safepoints for its whole length: work in slices of this. */
    private static final long SLICE_BYTES = 1L << 20;
    private static final Unsafe U = UnsafeMemory.UNSAFE;
    /** {@code madvise} advice: fault in the pages writable, without writing them (Linux 5.14+, value from uapi mman-common.h). */
    private static final int MADV_POPULATE_WRITE = 23;
    /** Cleared the first time populating is refused (older kernel, no native bindings): then pages fault in as they are written. */
    private static volatile boolean populating = true;

    /**
     * The first {@code bytes} bytes of primitive array {@code array}, to be written at {@code offset}
     * of the mapping; with {@code checkMissing} its values are checked for missing-value markers (NaN,
     * {@code MIN_VALUE}) while they are copied ({@link CheckedCopy}).
     */
    public record Piece(Object array, long bytes, long offset, boolean checkMissing) {
        public Piece {
            if (checkMissing && !CheckedCopy.checks(array)) {
                throw new IllegalArgumentException("no missing-value check for a " + array.getClass().getSimpleName());
            }
        }

        /** A piece copied as it is. */
        public Piece(Object array, long bytes, long offset) {
            this(array, bytes, offset, false);
        }
    }

    private record Range(Piece piece, long from, long bytes) {
    }

    private MappedWrites() {
    }

    /** Whether arrays' native byte order is little-endian (x86-64, arm64): then their bytes are Arrow's. */
    public static boolean nativeLittleEndian() {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Copies every piece into {@code mapping} (read-write, allocated on the device: a write into a page
     * the device cannot supply would fault), over all cores when there is enough to copy ({@link #forEachRange}).
     *
     * @return whether a piece to check holds a missing value; then the copy stopped as soon as one was seen, and what
     *         it left in the mapping is incomplete (the caller lays the file out again)
     */
    public static boolean copy(Mapping mapping, List<Piece> pieces) {
        checkWritable(mapping);
        long total = 0;
        List<Range> ranges = new ArrayList<>();
        for (Piece p : pieces) {
            mapping.checkRange(p.offset(), p.bytes(), "array of " + p.bytes() + " bytes");
            for (long from = 0; from < p.bytes(); from += RANGE_BYTES) {
                ranges.add(new Range(p, from, Math.min(RANGE_BYTES, p.bytes() - from)));
            }
            total += p.bytes();
        }
        long base = mapping.address();
        AtomicBoolean missing = new AtomicBoolean();
        forEachRange(ranges.size(), total, i -> write(base, ranges.get(i), missing));
        return missing.get();
    }

    /**
     * Zeroes the first {@code bytes} bytes of {@code mapping} (read-write, allocated on the device), each range's
     * pages mapped first, over all cores when there are enough. For a draft in a recycled file: its old bytes
     * are gone, and the writer's own mapping then takes no page faults. (Populating a fresh file's pages this
     * way, the kernel zeroing them in parallel, measured no faster than leaving them to fault in: first 400 MB
     * draft allocated in 0.49-0.51 s against 0.18-0.25 s, its fill no faster, loaded machine.)
     */
    public static void zero(Mapping mapping, long bytes) {
        checkWritable(mapping);
        mapping.checkRange(0, bytes, "zeroing " + bytes + " bytes");
        long base = mapping.address();
        forEachRange((int) ((bytes + RANGE_BYTES - 1) / RANGE_BYTES), bytes, i -> {
            long from = i * RANGE_BYTES;
            long n = Math.min(RANGE_BYTES, bytes - from);
            populate(base + from, n);
            for (long done = 0; done < n; done += SLICE_BYTES) {
                U.setMemory(base + from + done, Math.min(SLICE_BYTES, n - done), (byte) 0);
            }
        });
    }

    private static void checkWritable(Mapping mapping) {
        if (!mapping.isWritable()) {
            throw new IllegalArgumentException("mapping of " + mapping.path() + " is read-only");
        }
    }

    /**
     * Runs {@code range} for each of {@code ranges} ranges covering {@code bytes} bytes: in the calling thread
     * below {@link #PARALLEL_MIN_BYTES}, else over all cores ({@link Parallel#forEach}: returns only when every
     * range is done, so the mapping is never unmapped under a helper still writing it).
     */
    private static void forEachRange(int ranges, long bytes, IntConsumer range) {
        if (bytes < PARALLEL_MIN_BYTES) {
            for (int i = 0; i < ranges; i++) {
                range.accept(i);
            }
        } else {
            Parallel.forEach(ranges, range);
        }
    }

    /** Copies one range unless a missing value was seen already (then the file is written again, differently). */
    private static void write(long base, Range r, AtomicBoolean missing) {
        Piece p = r.piece();
        populate(base + p.offset() + r.from(), r.bytes());
        long srcBase = U.arrayBaseOffset(p.array().getClass());
        for (long done = 0; done < r.bytes() && !missing.get(); done += SLICE_BYTES) {
            long n = Math.min(SLICE_BYTES, r.bytes() - done);
            long to = base + p.offset() + r.from() + done;
            if (!p.checkMissing()) {
                U.copyMemory(p.array(), srcBase + r.from() + done, null, to, n);
            } else if (CheckedCopy.copy(p.array(), r.from() + done, n, to)) {
                missing.set(true);
            }
        }
    }

    /**
     * Maps the pages holding {@code [address, address + bytes)} writable, all at once. The range is widened to
     * whole pages; those lie in the mapping, whose length is whole pages ({@link Mapping#readWriteLength}).
     * Only pages already allocated on the device are populated here (a write mapping's file is reserved
     * first), so it cannot fail for want of space.
     */
    static void populate(long address, long bytes) {
        if (!populating || bytes <= 0) {
            return;
        }
        long from = address & -DevicePages.SMALL_PAGE;
        long to = (address + bytes + DevicePages.SMALL_PAGE - 1) & -DevicePages.SMALL_PAGE;
        try {
            if (PosixAPI.posix().madvise(from, to - from, MADV_POPULATE_WRITE) != 0) {
                populating = false;
            }
        } catch (RuntimeException | LinkageError e) {
            populating = false;
        }
    }

    /** Whether the calls mapping pages ahead of the copy are still made (tests: none was refused). */
    static boolean populating() {
        return populating;
    }
}
