package dev.shmkit.table;

import dev.shmkit.memory.CheckedCopy;
import dev.shmkit.memory.MappedWrites;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sequential little-endian writer into a {@link FileChannel} through reusable direct staging buffers:
 * arrays are copied into one in big slices and flushed with positional writes. A pipelined sink (big
 * files) hands each full buffer to a writer thread and fills the other meanwhile, so the copy into the
 * staging buffer (with its missing-value check) and the kernel's copy into fresh pages run on two cores.
 * {@link #close()} waits for the last write: nobody may touch the file before it returns.
 */
final class StagingSink implements AutoCloseable {
    /** Big enough that a 320 MB table needs only ~40 write calls, small enough to keep per thread. */
    static final int STAGING_BYTES = 8 << 20;
    /** Files from this length on are written pipelined. */
    static final long PIPELINE_MIN_BYTES = 32L << 20;
    private static final ThreadLocal<ByteBuffer[]> STAGING = ThreadLocal.withInitial(() -> new ByteBuffer[2]);
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shmkit-pwrite");
        t.setDaemon(true);
        return t;
    });

    private final FileChannel channel;
    private final ByteBuffer[] buffers;
    private final boolean pipelined;
    private ByteBuffer buf;
    private long filePosition;
    /** The write of the other buffer, while it runs (pipelined only). */
    private Future<?> inFlight;

    StagingSink(FileChannel channel, long start, boolean pipelined) {
        this.channel = channel;
        this.buffers = STAGING.get();
        this.pipelined = pipelined;
        this.buf = buffer(0);
        this.buf.clear();
        this.filePosition = start;
    }

    private ByteBuffer buffer(int i) {
        if (buffers[i] == null) {
            buffers[i] = ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        return buffers[i];
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

    /** Writes everything staged so far at its file position (pipelined: starts writing it). */
    void flush() throws IOException {
        buf.flip();
        if (!pipelined) {
            writeFully(channel, buf, filePosition);
            filePosition += buf.limit();
            buf.clear();
            return;
        }
        awaitInFlight();
        ByteBuffer full = buf;
        long at = filePosition;
        filePosition += full.limit();
        inFlight = WRITERS.submit(() -> {
            writeFully(channel, full, at);
            return null;
        });
        buf = full == buffers[0] ? buffer(1) : buffers[0];
        buf.clear();
    }

    private static void writeFully(FileChannel channel, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
    }

    /** Waits for the write in flight; its failure (ENOSPC, say) is thrown here with its message. */
    private void awaitInFlight() throws IOException {
        Future<?> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;  // the write is under way on the file: it must end before anyone goes on
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("writing at " + channel + ": " + c, c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the last write (what is still staged is not written: {@link #flush} first). */
    @Override
    public void close() throws IOException {
        awaitInFlight();
    }
}
