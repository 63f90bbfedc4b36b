package dev.shmkit.pool;

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
    static final byte JOB = 1;
    static final byte TASK = 2;
    static final byte CLASS_BYTES = 3;
    static final byte ADD_CLASSPATH = 4;
    static final byte SHUTDOWN = 5;
    static final byte CANCEL_JOB = 6;
    // worker -> parent
    static final byte HELLO = 10;
    static final byte RESULT = 11;
    static final byte ERROR = 12;
    static final byte CLASS_REQUEST = 13;

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
