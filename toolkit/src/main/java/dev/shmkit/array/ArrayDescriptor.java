package dev.shmkit.array;

import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;

import java.nio.charset.StandardCharsets;

/**
 * Layout of an array segment ({@code <name>.v<N>.p<pid>.arr}), and its arithmetic in one place.
 *
 * <pre>
 *   0          8          12         16                 24                        64
 *   +----------+----------+----------+------------------+-------------------------+----------------------+
 *   | "SHMARR1\0" | layout | element  | length           | reserved (zeros)        | elements, little-    |
 *   | magic    | int32=1  | int32    | int64 (elements) |                         | endian, 64-aligned   |
 *   +----------+----------+----------+------------------+-------------------------+----------------------+
 * </pre>
 *
 * The header is written once by the creator before any other process is told the segment's id; the
 * elements start at {@link #DATA_OFFSET}, so every element is naturally aligned (CAS needs that).
 */
final class ArrayDescriptor {
    /** Identifies an array segment (8 bytes, so the layout field is 8-aligned). */
    static final byte[] MAGIC = "SHMARR1\0".getBytes(StandardCharsets.US_ASCII);
    static final long MAGIC_OFFSET = 0;
    static final long LAYOUT_OFFSET = MAGIC_OFFSET + MAGIC.length;
    static final long ELEMENT_OFFSET = LAYOUT_OFFSET + 4;
    static final long LENGTH_OFFSET = ELEMENT_OFFSET + 4;
    /** Elements start one cache line in: aligned for every element width and for CAS. */
    static final long DATA_OFFSET = 64;
    /** The layout version this code writes and reads. */
    static final int LAYOUT_VERSION = 1;

    private ArrayDescriptor() {
    }

    /** Bytes of a segment holding {@code length} elements of {@code type}. */
    static long segmentLength(ElementType type, long length) {
        return DATA_OFFSET + Math.max(1, length) * type.width();
    }

    /** Writes the header (a read-write mapping of a fresh, zeroed segment). */
    static void writeHeader(Mapping m, ElementType type, long length) {
        m.writeBytes(MAGIC_OFFSET, MAGIC, 0, MAGIC.length);
        m.store().writeInt(LAYOUT_OFFSET, LAYOUT_VERSION);
        m.store().writeInt(ELEMENT_OFFSET, type.code());
        m.store().writeOrderedLong(LENGTH_OFFSET, length); // last: a reader that sees the length sees the rest
    }

    /** The header's element type and length, checked in order: long enough, magic, layout, type, length. */
    static Header readHeader(Mapping m) {
        if (m.length() < DATA_OFFSET) {
            throw new SegmentFormatException(m.path(), "length=" + m.length() + " < header=" + DATA_OFFSET
                    + " (truncated, or not an array segment)");
        }
        byte[] magic = m.copyBytes(MAGIC_OFFSET, MAGIC.length, "array magic");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new SegmentFormatException(m.path(), "magic=" + new String(magic, StandardCharsets.US_ASCII).trim()
                    + " != SHMARR1 (not a shmkit array segment)");
        }
        int layout = m.readInt(LAYOUT_OFFSET);
        if (layout != LAYOUT_VERSION) {
            throw new SegmentFormatException(m.path(), "array layout=" + layout + " != " + LAYOUT_VERSION
                    + " (written by another shmkit version; upgrade this one)");
        }
        ElementType type = ElementType.ofCode(m.readInt(ELEMENT_OFFSET));
        if (type == null) {
            throw new SegmentFormatException(m.path(), "array element code=" + m.readInt(ELEMENT_OFFSET) + " is unknown");
        }
        long length = m.readLong(LENGTH_OFFSET);
        if (length < 0 || length > Integer.MAX_VALUE || DATA_OFFSET + length * type.width() > m.length()) {
            throw new SegmentFormatException(m.path(), "array length=" + length + " of " + type.javaName()
                    + " needs " + (DATA_OFFSET + Math.max(0, length) * type.width()) + " bytes > file length=" + m.length()
                    + " (truncated or corrupt)");
        }
        return new Header(type, (int) length);
    }

    /** What a header says. */
    record Header(ElementType type, int length) {
    }
}
