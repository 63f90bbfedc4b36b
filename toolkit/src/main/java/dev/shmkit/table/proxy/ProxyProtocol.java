package dev.shmkit.table.proxy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of a proxy read, little-endian. A request names the holder's registration (the job's
 * handle), the operation, the column and two row numbers (whole-table rows):
 * <pre>
 *  0        8    9          13               13+n     17+n     21+n
 *  +--------+----+----------+----------------+--------+--------+
 *  | handle | op | n: int32 | column (UTF-8) | a: i32 | b: i32 |
 *  +--------+----+----------+----------------+--------+--------+
 * </pre>
 * {@code a} is the row of GET/MISSING, {@code a, b} the range [from, to) of the others. Replies:
 * GET one value (8 bytes for DOUBLE and LONG, 4 for INTEGER, {@code int32 n} + n UTF-8 bytes for
 * STRING); MISSING one byte; COUNT_MISSING an int32; SUM/MIN/MAX a double; VALUES the values of the
 * range packed the same way, one after the other.
 */
final class ProxyProtocol {
    static final byte GET = 1;
    static final byte MISSING = 2;
    static final byte COUNT_MISSING = 3;
    static final byte SUM = 4;
    static final byte MIN = 5;
    static final byte MAX = 6;
    static final byte VALUES = 7;
    /** Bytes of a request besides the column name: handle, op, name length, a, b. */
    static final int REQUEST_FIXED = Long.BYTES + 1 + Integer.BYTES + 2 * Integer.BYTES;

    private ProxyProtocol() {
    }

    static byte[] request(long handle, byte op, String column, int a, int b) {
        byte[] name = column.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(REQUEST_FIXED + name.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(handle).put(op).putInt(name.length).put(name).putInt(a).putInt(b);
        return buf.array();
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String opName(byte op) {
        return switch (op) {
            case GET -> "get";
            case MISSING -> "isMissing";
            case COUNT_MISSING -> "countMissing";
            case SUM -> "sum";
            case MIN -> "min";
            case MAX -> "max";
            case VALUES -> "values";
            default -> "op=" + op;
        };
    }

    static void putString(ByteBuffer b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(u.length).put(u);
    }

    static String getString(ByteBuffer b) {
        int n = b.getInt();
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }
}
