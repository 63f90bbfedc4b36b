package dev.shmkit.table;

import dev.shmkit.memory.CheckedCopy;
import dev.shmkit.memory.MappedWrites;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Sequential little-endian writer into a {@link FileChannel} through one reusable direct staging
 * buffer: arrays are copied into it in big slices and flushed with positional writes.
 */
final class StagingSink {
    /** Big enough that a 320 MB table needs only ~40 write calls, small enough to keep per thread. */
    static final int STAGING_BYTES = 8 << 20;
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN));

    private final FileChannel channel;
    private final ByteBuffer buf;
    private long filePosition;

    StagingSink(FileChannel channel, long start) {
        this.channel = channel;
        this.buf = STAGING.get();
        this.buf.clear();
        this.filePosition = start;
    }

    /** File offset of the next byte written. */
    long position() {
        return filePosition + buf.position();
    }

    private void ensure(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            flush();
        }
    }

    void putInt(int v) throws IOException {
        ensure(4);
        buf.putInt(v);
    }

    void putBytes(byte[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(1);
            int n = Math.min(len, buf.remaining());
            buf.put(src, off, n);
            off += n;
            len -= n;
        }
    }

    void putBytes(byte[] src) throws IOException {
        putBytes(src, 0, src.length);
    }

    void zeros(long count) throws IOException {
        while (count > 0) {
            ensure(1);
            int n = (int) Math.min(count, buf.remaining());
            for (int i = 0; i < n; i++) {
                buf.put((byte) 0);
            }
            count -= n;
        }
    }

    /**
     * Writes the first {@code bytes} bytes of primitive array {@code array} (little-endian), as
     * {@link EncodedColumn#valueBuffer} gives them.
     */
    void putArray(Object array, long bytes) throws IOException {
        if (array instanceof byte[] b) {
            putBytes(b, 0, Math.toIntExact(bytes));
        } else if (array instanceof double[] d) {
            putDoubles(d, 0, Math.toIntExact(bytes >>> 3));
        } else if (array instanceof long[] l) {
            putLongs(l, 0, Math.toIntExact(bytes >>> 3));
        } else if (array instanceof int[] i) {
            putInts(i, 0, Math.toIntExact(bytes >>> 2));
        } else if (array instanceof float[] f) {
            putFloats(f, 0, Math.toIntExact(bytes >>> 2));
        } else if (array instanceof short[] h) {
            putShorts(h, 0, Math.toIntExact(bytes >>> 1));
        } else {
            throw new IllegalArgumentException("not a primitive buffer: " + array);
        }
    }

    /**
     * Writes the first {@code bytes} bytes of a {@code double[]}, {@code float[]}, {@code long[]} or
     * {@code int[]} like {@link #putArray}, checking each value for a missing-value marker
     * ({@link CheckedCopy}) as it is copied into the staging buffer; stops at the first slice that holds
     * one (what was staged is then incomplete).
     *
     * @return whether a value is missing
     */
    boolean putCheckingMissing(Object array, long bytes) throws IOException {
        if (!MappedWrites.nativeLittleEndian()) {
            throw new IllegalStateException("native byte order is big-endian: a checked copy would not be little-endian");
        }
        for (long done = 0; done < bytes; ) {
            ensure(8);
            long n = Math.min(bytes - done, buf.remaining() & ~7L);
            if (CheckedCopy.copy(array, done, (int) n, buf)) {
                return true;
            }
            buf.position(buf.position() + (int) n);
            done += n;
        }
        return false;
    }

    private void putDoubles(double[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(8);
            int n = Math.min(len, buf.remaining() >>> 3);
            buf.asDoubleBuffer().put(src, off, n);
            buf.position(buf.position() + (n << 3));
            off += n;
            len -= n;
        }
    }

    private void putFloats(float[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(4);
            int n = Math.min(len, buf.remaining() >>> 2);
            buf.asFloatBuffer().put(src, off, n);
            buf.position(buf.position() + (n << 2));
            off += n;
            len -= n;
        }
    }

    private void putLongs(long[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(8);
            int n = Math.min(len, buf.remaining() >>> 3);
            buf.asLongBuffer().put(src, off, n);
            buf.position(buf.position() + (n << 3));
            off += n;
            len -= n;
        }
    }

    private void putInts(int[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(4);
            int n = Math.min(len, buf.remaining() >>> 2);
            buf.asIntBuffer().put(src, off, n);
            buf.position(buf.position() + (n << 2));
            off += n;
            len -= n;
        }
    }

    private void putShorts(short[] src, int off, int len) throws IOException {
        while (len > 0) {
            ensure(2);
            int n = Math.min(len, buf.remaining() >>> 1);
            buf.asShortBuffer().put(src, off, n);
            buf.position(buf.position() + (n << 1));
            off += n;
            len -= n;
        }
    }

    /** Moves on {@code count} bytes without writing them (what is there, e.g. a fresh file's zeros, stays). */
    void skip(long count) throws IOException {
        flush();
        filePosition += count;
    }

    /** Writes everything staged so far at its file position. */
    void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            filePosition += channel.write(buf, filePosition);
        }
        buf.clear();
    }
}
