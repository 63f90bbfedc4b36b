package dev.shmkit.object;

import dev.shmkit.memory.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Layout of an object segment file. All numbers are little-endian (the byte order of the
 * platforms shmkit maps on); every offset below is computed here from field sizes and
 * alignment, nowhere else.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 magic "SHMKOBJ1" (8 bytes)                    |  0
 * +---------------------------------------------------------------+
 * |                 layout version (int)                          |  8
 * +---------------------------------------------------------------+
 * |                 flags (int, no bits defined yet: 0)           | 12
 * +---------------------------------------------------------------+
 * |                 publisher pid (long)                          | 16
 * +---------------------------------------------------------------+
 * |                 created, epoch millis (long)                  | 24
 * +---------------------------------------------------------------+
 * |                 file length (long; detects truncation)        | 32
 * +---------------------------------------------------------------+
 * |                 value class name offset (long)                | 40
 * +---------------------------------------------------------------+
 * |                 value class name length (int, UTF-8 bytes)    | 48
 * +---------------------------------------------------------------+
 * |                 out-of-band array count (int)                 | 52
 * +---------------------------------------------------------------+
 * |                 array table offset (long)                     | 56
 * +---------------------------------------------------------------+
 * |                 array table length (long)                     | 64
 * +---------------------------------------------------------------+
 * |                 kryo payload offset (long)                    | 72
 * +---------------------------------------------------------------+
 * |                 kryo payload length (long)                    | 80
 * +---------------------------------------------------------------+
 * |                 reserved, zero, up to HEADER_LENGTH = 128     | 88
 * +---------------------------------------------------------------+
 * |  value class name (UTF-8)                                     |
 * |  kryo payload (8-byte aligned)                                |
 * |  array table (8-byte aligned), one entry per array:           |
 * |     +0 element type code (int)  +4 path length (int)          |
 * |     +8 element count (long)     +16 data offset (long)        |
 * |     +24 path (UTF-8), next entry 8-byte aligned               |
 * |  array data, each array starting 64-byte aligned              |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class ObjectSegmentDescriptor {
    /** Identifies an object segment; the trailing 1 is part of the name, not the version. */
    public static final byte[] MAGIC = "SHMKOBJ1".getBytes(StandardCharsets.US_ASCII);
    /** The layout this build writes and the newest it reads. */
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + MAGIC.length;
    public static final int FLAGS_OFFSET = VERSION_OFFSET + Integer.BYTES;
    public static final int PID_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int CREATED_OFFSET = PID_OFFSET + Long.BYTES;
    public static final int FILE_LENGTH_OFFSET = CREATED_OFFSET + Long.BYTES;
    public static final int CLASS_NAME_OFFSET_OFFSET = FILE_LENGTH_OFFSET + Long.BYTES;
    public static final int CLASS_NAME_LENGTH_OFFSET = CLASS_NAME_OFFSET_OFFSET + Long.BYTES;
    public static final int ARRAY_COUNT_OFFSET = CLASS_NAME_LENGTH_OFFSET + Integer.BYTES;
    public static final int TABLE_OFFSET_OFFSET = ARRAY_COUNT_OFFSET + Integer.BYTES;
    public static final int TABLE_LENGTH_OFFSET = TABLE_OFFSET_OFFSET + Long.BYTES;
    public static final int PAYLOAD_OFFSET_OFFSET = TABLE_LENGTH_OFFSET + Long.BYTES;
    public static final int PAYLOAD_LENGTH_OFFSET = PAYLOAD_OFFSET_OFFSET + Long.BYTES;
    private static final int HEADER_FIELDS_END = PAYLOAD_LENGTH_OFFSET + Long.BYTES;
    /** Header size, leaving room for fields a later layout version may add. */
    public static final int HEADER_LENGTH = 128;

    /** Array table entry: type code, path length, element count, data offset, then the path bytes. */
    public static final int ENTRY_TYPE_OFFSET = 0;
    public static final int ENTRY_PATH_LENGTH_OFFSET = ENTRY_TYPE_OFFSET + Integer.BYTES;
    public static final int ENTRY_COUNT_OFFSET = ENTRY_PATH_LENGTH_OFFSET + Integer.BYTES;
    public static final int ENTRY_DATA_OFFSET_OFFSET = ENTRY_COUNT_OFFSET + Long.BYTES;
    public static final int ENTRY_FIXED_LENGTH = ENTRY_DATA_OFFSET_OFFSET + Long.BYTES;

    /** Sections are 8-byte aligned so longs in them never straddle a word. */
    public static final int SECTION_ALIGNMENT = 8;
    /** Array data is cache-line aligned, matching Arrow's buffer alignment, for aligned vector loads. */
    public static final int ARRAY_ALIGNMENT = 64;

    static {
        if (HEADER_FIELDS_END > HEADER_LENGTH) {
            throw new ExceptionInInitializerError("header fields overrun HEADER_LENGTH");
        }
    }

    private ObjectSegmentDescriptor() {
    }

    /** Bytes one table entry takes, padding included, for a path of {@code pathBytes} UTF-8 bytes. */
    public static long entryLength(int pathBytes) {
        return Bytes.align(ENTRY_FIXED_LENGTH + (long) pathBytes, SECTION_ALIGNMENT);
    }
}
