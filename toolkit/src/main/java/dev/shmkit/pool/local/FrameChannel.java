package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A blocking socket channel carrying {@link Frame}s. One thread reads; writes are serialized
 * by a lock so that frames of different writers never interleave.
 */
final class FrameChannel implements AutoCloseable {
    /** Frames above this are read into their own buffer (big results, big inputs). */
    static final int BIG_FRAME = 1 << 20;
    /** Stream bytes per {@link Frame#STREAM_DATA} frame: below {@link #BIG_FRAME} so slices are read in place. */
    static final int SLICE = BIG_FRAME - 64;
    /** Bytes of a STREAM_DATA frame before its slice: length, type, task id. */
    private static final int SLICE_HEADER = Frame.LENGTH_BYTES + 1 + Long.BYTES;
    private final SocketChannel channel;
    private final Object writeLock = new Object();
    private ByteBuffer readBuf = ByteBuffer.allocate(1 << 16);
    private final ByteBuffer sliceHeader = ByteBuffer.allocate(SLICE_HEADER);

    FrameChannel(SocketChannel channel) {
        this.channel = channel;
        readBuf.flip();
    }

    /**
     * Reads the next frame, blocking; throws {@link EOFException} when the peer closed. The body of a
     * {@link Frame#STREAM_DATA} frame is a view of the read buffer, valid until the next read.
     */
    Frame read() throws IOException {
        fill(Frame.LENGTH_BYTES);
        int len = readBuf.getInt();
        if (len < 1 || len > Frame.MAX_LENGTH) {
            throw new ShmkitException("control frame: length=" + len + " outside [1, " + Frame.MAX_LENGTH + "] (corrupt stream?)");
        }
        if (len > BIG_FRAME) {
            return readBig(len);
        }
        fill(len);
        byte type = readBuf.get();
        if (type == Frame.STREAM_DATA) {
            ByteBuffer view = readBuf.slice(readBuf.position(), len - 1);
            readBuf.position(readBuf.position() + len - 1);
            return new Frame(type, view);
        }
        byte[] body = new byte[len - 1];
        readBuf.get(body);
        return new Frame(type, ByteBuffer.wrap(body));
    }

    /** Reads a large frame straight into its own array instead of growing the shared buffer. */
    private Frame readBig(int len) throws IOException {
        fill(1);
        byte type = readBuf.get();
        ByteBuffer body = ByteBuffer.allocate(len - 1);
        int buffered = Math.min(readBuf.remaining(), body.remaining());
        body.put(body.position(), readBuf, readBuf.position(), buffered).position(buffered);
        readBuf.position(readBuf.position() + buffered);
        while (body.hasRemaining()) {
            if (channel.read(body) < 0) {
                throw new EOFException("control channel closed by peer");
            }
        }
        return new Frame(type, body.flip());
    }

    private void fill(int need) throws IOException {
        if (readBuf.remaining() >= need) {
            return;
        }
        readBuf.compact();
        if (readBuf.capacity() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, readBuf.capacity() * 2));
            readBuf.flip();
            bigger.put(readBuf);
            readBuf = bigger;
        }
        while (readBuf.position() < need) {
            if (channel.read(readBuf) < 0) {
                throw new EOFException("control channel closed by peer");
            }
        }
        readBuf.flip();
    }

    /** Writes all frames in {@code builder} and clears it. */
    void write(FrameBuilder builder) throws IOException {
        synchronized (writeLock) {
            ByteBuffer b = builder.flip();
            while (b.hasRemaining()) {
                channel.write(b);
            }
            builder.clear();
        }
    }

    /** Writes the frames in {@code builder} followed by {@code tail} (the rest of the last frame), and clears the builder. */
    void write(FrameBuilder builder, ByteBuffer tail) throws IOException {
        synchronized (writeLock) {
            ByteBuffer[] both = {builder.flip(), tail};
            while (both[0].hasRemaining() || both[1].hasRemaining()) {
                channel.write(both);
            }
            builder.clear();
        }
    }

    /**
     * Writes one {@link Frame#STREAM_DATA} frame carrying bytes {@code [position, position + n)} of
     * {@code file}, straight from the file to the socket ({@code transferTo}: no copy on the heap).
     */
    void writeSlice(long taskId, FileChannel file, long position, int n) throws IOException {
        synchronized (writeLock) {
            sliceHeader.clear();
            sliceHeader.putInt(1 + Long.BYTES + n).put(Frame.STREAM_DATA).putLong(taskId).flip();
            while (sliceHeader.hasRemaining()) {
                channel.write(sliceHeader);
            }
            long done = 0;
            while (done < n) {
                long k = file.transferTo(position + done, n - done, channel);
                if (k <= 0) {
                    throw new EOFException("stream of task=" + taskId + ": file ended at offset=" + (position + done)
                            + " before " + (position + n) + " (truncated while streaming?)");
                }
                done += k;
            }
        }
    }

    /** Lock to hold while building into a builder shared by several threads. */
    Object writeLock() {
        return writeLock;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are abandoning; nothing to report
        }
    }
}
