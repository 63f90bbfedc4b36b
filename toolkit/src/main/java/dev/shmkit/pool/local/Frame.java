package dev.shmkit.pool.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One control-channel frame and the frame type constants.
 *
 * <pre>
 *  0       4      5
 *  +-------+------+------------------------+
 *  | len   | type | body (len - 1 bytes)   |
 *  +-------+------+------------------------+
 * </pre>
 * {@code len} counts the type byte and the body; integers are big-endian.
 */
final class Frame {
    /** Bytes before the type byte. */
    static final int LENGTH_BYTES = 4;
    /** Frames above this are a protocol error, not a big task (large data goes through segments). */
    static final int MAX_LENGTH = 1 << 30;

    // parent -> worker
    /**
     * jobId, session, result segment threshold (bytes; 0 = never), runner bytes, statics bytes, pushed
     * classes (count, then name and bytes each).
     */
    static final byte JOB = 1;
    /** jobId, taskId, input bytes. */
    static final byte TASK = 2;
    static final byte SHUTDOWN = 5;
    /** jobId. */
    static final byte CANCEL_JOB = 6;
    /** jobId, taskId, total bytes, receive directory: a streamed input follows (sent before its TASK). */
    static final byte STREAM_OPEN = 7;
    /** taskId, then a slice of the stream (the rest of the frame). */
    static final byte STREAM_DATA = 8;
    /** taskId, status ({@link #STREAM_COMPLETE} or {@link #STREAM_ABORTED}), message. */
    static final byte STREAM_END = 9;
    // worker -> parent
    /** workerId, pid, token. */
    static final byte HELLO = 10;
    /**
     * taskId, jobId, deserialize/attach/run/serialize nanos, bytes mapped, bytes copied, then a
     * {@link ResultWriter} kind and either the result's bytes (inline) or a result file's name.
     */
    static final byte RESULT = 11;
    static final byte ERROR = 12;
    // either way
    /** requestId, kind, payload: see {@link Rpc}. */
    static final byte REQUEST = 20;
    /** requestId, status, payload. */
    static final byte REPLY = 21;

    /** {@link #STREAM_END} status: every byte was sent. */
    static final byte STREAM_COMPLETE = 0;
    /** {@link #STREAM_END} status: the parent stopped (job failed or cancelled, read error). */
    static final byte STREAM_ABORTED = 1;

    final byte type;
    final ByteBuffer body;

    Frame(byte type, ByteBuffer body) {
        this.type = type;
        this.body = body;
    }

    long getLong() {
        return body.getLong();
    }

    int getInt() {
        return body.getInt();
    }

    byte getByte() {
        return body.get();
    }

    /** Bytes of the body not read yet. */
    int remaining() {
        return body.remaining();
    }

    byte[] getBytes() {
        int n = body.getInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        body.get(b);
        return b;
    }

    String getString() {
        byte[] b = getBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
