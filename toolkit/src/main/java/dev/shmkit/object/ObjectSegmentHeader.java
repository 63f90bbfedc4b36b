package dev.shmkit.object;

import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.shmkit.object.ObjectSegmentDescriptor.*;

/**
 * The parsed and validated header and array table of an object segment. Checks, in order:
 * length covers the header, magic, layout version, flags, recorded file length, then every
 * section and array against the file.
 */
record ObjectSegmentHeader(long pid, long createdMillis, String valueClassName, long payloadOffset,
                           long payloadLength, List<ArrayInfo> arrays) {

    /** Longest class name or array path accepted; anything longer is corruption. */
    private static final int MAX_NAME_BYTES = 1 << 16;

    static ObjectSegmentHeader parse(Mapping m) {
        long length = m.length();
        if (length < HEADER_LENGTH) {
            throw fail(m, "length=" + length + " < header=" + HEADER_LENGTH + " (truncated?)");
        }
        byte[] magic = m.copyBytes(MAGIC_OFFSET, MAGIC.length, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw fail(m, "magic=" + printable(magic) + " expected=" + printable(MAGIC)
                    + " (not a shmkit object segment)");
        }
        int version = readInt(m, VERSION_OFFSET);
        if (version > LAYOUT_VERSION) {
            throw fail(m, "layout version=" + version + " is newer than this build reads (max="
                    + LAYOUT_VERSION + "); upgrade shmkit in this JVM");
        }
        if (version < 1) {
            throw fail(m, "layout version=" + version + " is invalid (corrupt)");
        }
        int flags = readInt(m, FLAGS_OFFSET);
        if (flags != 0) {
            throw fail(m, "flags=0x" + Integer.toHexString(flags) + " has bits this build does not know");
        }
        long recorded = readLong(m, FILE_LENGTH_OFFSET);
        if (recorded != length) {
            throw fail(m, "length=" + length + " but header says length=" + recorded
                    + (length < recorded ? " (truncated?)" : " (corrupt)"));
        }
        long nameOffset = readLong(m, CLASS_NAME_OFFSET_OFFSET);
        int nameLength = readInt(m, CLASS_NAME_LENGTH_OFFSET);
        if (nameLength < 0 || nameLength > MAX_NAME_BYTES) {
            throw fail(m, "value class name length=" + nameLength + " (corrupt)");
        }
        m.checkRange(nameOffset, nameLength, "value class name");
        String className = new String(m.copyBytes(nameOffset, nameLength, "value class name"), StandardCharsets.UTF_8);
        long payloadOffset = readLong(m, PAYLOAD_OFFSET_OFFSET);
        long payloadLength = readLong(m, PAYLOAD_LENGTH_OFFSET);
        m.checkRange(payloadOffset, payloadLength, "kryo payload");
        if (payloadLength > Integer.MAX_VALUE) {
            throw fail(m, "kryo payload length=" + payloadLength + " > " + Integer.MAX_VALUE + " (corrupt)");
        }
        long tableOffset = readLong(m, TABLE_OFFSET_OFFSET);
        long tableLength = readLong(m, TABLE_LENGTH_OFFSET);
        int count = readInt(m, ARRAY_COUNT_OFFSET);
        m.checkRange(tableOffset, tableLength, "array table");
        if (count < 0 || (long) count * ENTRY_FIXED_LENGTH > tableLength) {
            throw fail(m, "array count=" + count + " does not fit array table length=" + tableLength + " (corrupt)");
        }
        return new ObjectSegmentHeader(readLong(m, PID_OFFSET), readLong(m, CREATED_OFFSET), className,
                payloadOffset, payloadLength, parseTable(m, tableOffset, tableLength, count));
    }

    private static List<ArrayInfo> parseTable(Mapping m, long tableOffset, long tableLength, int count) {
        List<ArrayInfo> arrays = new ArrayList<>(count);
        long end = tableOffset + tableLength;
        long entry = tableOffset;
        for (int i = 0; i < count; i++) {
            if (end - entry < ENTRY_FIXED_LENGTH) {
                throw fail(m, "array table entry #" + i + " at offset=" + entry + " runs past table end=" + end);
            }
            int code = readInt(m, entry + ENTRY_TYPE_OFFSET);
            ArrayType type = ArrayType.ofCode(code);
            if (type == null) {
                throw fail(m, "array table entry #" + i + ": unknown element type code=" + code);
            }
            int pathLength = readInt(m, entry + ENTRY_PATH_LENGTH_OFFSET);
            if (pathLength < 0 || pathLength > MAX_NAME_BYTES || entryLength(pathLength) > end - entry) {
                throw fail(m, "array table entry #" + i + ": path length=" + pathLength + " runs past table end="
                        + end + " (corrupt)");
            }
            long elements = readLong(m, entry + ENTRY_COUNT_OFFSET);
            long offset = readLong(m, entry + ENTRY_DATA_OFFSET_OFFSET);
            String path = new String(m.copyBytes(entry + ENTRY_FIXED_LENGTH, pathLength, "array path"),
                    StandardCharsets.UTF_8);
            if (elements < 0 || elements > Integer.MAX_VALUE) {
                throw fail(m, "array '" + path + "': element count=" + elements + " (corrupt)");
            }
            if (offset % ARRAY_ALIGNMENT != 0) {
                throw fail(m, "array '" + path + "': offset=" + offset + " is not " + ARRAY_ALIGNMENT
                        + "-byte aligned (corrupt)");
            }
            m.checkRange(offset, elements * type.elementBytes(), "array '" + path + "' " + type + "[" + elements + "]");
            arrays.add(new ArrayInfo(path, type, elements, offset));
            entry += entryLength(pathLength);
        }
        return List.copyOf(arrays);
    }

    private static int readInt(Mapping m, long offset) {
        return m.readInt(offset);
    }

    private static long readLong(Mapping m, long offset) {
        return m.readLong(offset);
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.append('"').toString();
    }

    private static SegmentFormatException fail(Mapping m, String problem) {
        return new SegmentFormatException(m.path(), problem);
    }
}
