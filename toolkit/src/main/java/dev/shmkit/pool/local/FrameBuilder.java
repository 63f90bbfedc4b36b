package dev.shmkit.pool.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds one or more frames into a single growable buffer so that a batch of frames goes out
 * in one write. Not thread-safe; each writer owns one.
 */
final class FrameBuilder {
    private ByteBuffer buf = ByteBuffer.allocate(4096);
    private int frameStart = -1;

    FrameBuilder begin(byte type) {
        ensure(5);
        frameStart = buf.position();
        buf.putInt(0).put(type);
        return this;
    }

    FrameBuilder end() {
        buf.putInt(frameStart, buf.position() - frameStart - Frame.LENGTH_BYTES);
        frameStart = -1;
        return this;
    }

    /** Ends a frame whose last {@code tail} bytes are written separately, right after these. */
    FrameBuilder endWithTail(int tail) {
        buf.putInt(frameStart, buf.position() - frameStart - Frame.LENGTH_BYTES + tail);
        frameStart = -1;
        return this;
    }

    FrameBuilder putLong(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    FrameBuilder putInt(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    FrameBuilder putByte(byte v) {
        ensure(1);
        buf.put(v);
        return this;
    }

    FrameBuilder putBytes(byte[] b, int off, int len) {
        ensure(4 + len);
        buf.putInt(len).put(b, off, len);
        return this;
    }

    FrameBuilder putBytes(byte[] b) {
        if (b == null) {
            return putInt(-1);
        }
        return putBytes(b, 0, b.length);
    }

    FrameBuilder putString(String s) {
        return putBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return buf.position();
    }

    boolean isEmpty() {
        return buf.position() == 0;
    }

    /** The frames built so far, flipped for writing; call {@link #clear()} after writing. */
    ByteBuffer flip() {
        return buf.flip();
    }

    void clear() {
        buf.clear();
        if (buf.capacity() > (1 << 22)) {
            buf = ByteBuffer.allocate(4096);
        }
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            int cap = Math.max(buf.capacity() * 2, buf.position() + n);
            ByteBuffer bigger = ByteBuffer.allocate(cap);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
