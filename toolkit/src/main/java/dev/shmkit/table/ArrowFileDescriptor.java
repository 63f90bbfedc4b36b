package dev.shmkit.table;

import dev.shmkit.memory.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Layout of an Arrow IPC file as shmkit writes it, and the arithmetic for it in one place.
 *
 * <pre>
 *   0                   8                                                     64-aligned
 *   +-------------------+-----------------------------------------------------+
 *   | "ARROW1\0\0"      | schema message                                      |
 *   +-------------------+-----------------------------------------------------+
 *   message (every message starts 64-aligned, except the schema at 8):
 *   +------------+-----------+-----------------------+---------+-------------------------+
 *   | 0xFFFFFFFF | int32 len | Message flatbuffer    | padding | body (dictionary/record |
 *   | continue   | (fb+pad)  | (V5, header)          | to 64   | batch only)             |
 *   +------------+-----------+-----------------------+---------+-------------------------+
 *   body: buffers, each starting 64-aligned relative to the body (so in the file too),
 *   each padded with zeros to a multiple of 64; body length = sum of padded lengths.
 *   +-----------------+---------------+-----+
 *   | buffer 0 + pad  | buffer 1 + pad | ... |
 *   +-----------------+---------------+-----+
 *   after the last message:
 *   +------------+------------+---------------------+--------------+----------+
 *   | 0xFFFFFFFF | 0 (EOS)    | Footer flatbuffer   | int32 length | "ARROW1" |
 *   +------------+------------+---------------------+--------------+----------+
 * </pre>
 *
 * Messages are listed in the footer as blocks (offset, metadata length including the 8-byte
 * prefix and padding, body length).
 */
final class ArrowFileDescriptor {
    /** "ARROW1" opens and closes every Arrow IPC file. */
    static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** The leading magic is padded to 8 bytes so the first message is 8-aligned. */
    static final int HEADER_LENGTH = 8;
    /** Arrow recommends 64-byte alignment (cache line, AVX-512); shmkit aligns every buffer to it. */
    static final int ALIGNMENT = 64;
    /** Marks an encapsulated message (since Arrow 0.15). */
    static final int CONTINUATION = 0xFFFFFFFF;
    /** Continuation marker plus int32 metadata length. */
    static final int MESSAGE_PREFIX_LENGTH = 8;
    /** End-of-stream marker written before the footer: continuation + zero length. */
    static final int EOS_LENGTH = 8;
    /** int32 footer length plus trailing magic. */
    static final int TRAILER_LENGTH = 4 + 6;
    /** Smallest file that can hold header, an empty footer and trailer. */
    static final int MIN_FILE_LENGTH = HEADER_LENGTH + TRAILER_LENGTH;
    /** The shmkit layout version written in schema metadata key {@link #FORMAT_KEY}. */
    static final int FORMAT_VERSION = 1;
    /** Schema custom metadata key holding the shmkit layout version. */
    static final String FORMAT_KEY = "shmkit.format";

    private ArrowFileDescriptor() {
    }

    /** Padded flatbuffer length stored after the continuation so the message ends 64-aligned when it starts at {@code start}. */
    static int paddedMetadataLength(long start, int flatbufferLength) {
        long end = Bytes.align(start + MESSAGE_PREFIX_LENGTH + flatbufferLength, ALIGNMENT);
        return (int) (end - start - MESSAGE_PREFIX_LENGTH);
    }

    /** A buffer's length padded to the alignment. */
    static long paddedBufferLength(long length) {
        return Bytes.align(length, ALIGNMENT);
    }

    /** Offset of the int32 footer length in a file of {@code fileLength} bytes. */
    static long footerLengthOffset(long fileLength) {
        return fileLength - TRAILER_LENGTH;
    }

    /** Bytes of a validity bitmap for {@code rows} rows (one bit per row). */
    static long bitmapLength(long rows) {
        return (rows + 7) >>> 3;
    }
}
