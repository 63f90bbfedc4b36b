package dev.shmkit.pool.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * One piece of a file sent to another member in {@value SegmentShipper#CHUNK_BYTES}-byte chunks (a
 * segment version shipped to a member, a big result returned to its caller): where it goes, its bytes
 * and their CRC-32C; the last one also carries the whole file's CRC-32C, so the receiver can check
 * what it assembled.
 *
 * @param total   the whole file's length
 * @param offset  where these bytes go
 * @param crc     CRC-32C of {@code bytes}, as sent
 * @param last    whether this is the file's last chunk
 * @param fileCrc CRC-32C of the whole file (last chunk only, else 0)
 */
record FileChunk(long total, long offset, byte[] bytes, int crc, boolean last, int fileCrc) {
    /**
     * Reads the chunk of {@code ch} (length {@code total}) that starts at {@code offset}, adding its bytes to
     * {@code whole}, the running CRC of the file so far.
     */
    static FileChunk read(FileChannel ch, long total, long offset, CRC32C whole) throws IOException {
        int n = (int) Math.min(SegmentShipper.CHUNK_BYTES, total - offset);
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("file ended at " + (offset + b.position()) + " before " + (offset + n) + " (truncated?)");
            }
        }
        byte[] bytes = b.array();
        whole.update(bytes);
        boolean last = offset + n >= total;
        return new FileChunk(total, offset, bytes, crcOf(bytes), last, last ? (int) whole.getValue() : 0);
    }

    /** Where the next chunk starts. */
    long end() {
        return offset + bytes.length;
    }

    /**
     * Throws when the bytes' CRC-32C is not the one sent: {@code what} names the file in the message,
     * {@code next} says what happens now.
     */
    void checkCrc(String what, String next) {
        int actual = crcOf(bytes);
        if (actual != crc) {
            throw new ClusterException(what + " chunk offset=" + offset + " length=" + bytes.length + ": crc32c="
                    + Integer.toHexString(actual) + " != sent " + Integer.toHexString(crc) + " (corrupted on the way; "
                    + next + ")");
        }
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeLong(total);
        out.writeLong(offset);
        out.writeByteArray(bytes);
        out.writeInt(crc);
        out.writeBoolean(last);
        out.writeInt(fileCrc);
    }

    static FileChunk read(ObjectDataInput in) throws IOException {
        return new FileChunk(in.readLong(), in.readLong(), in.readByteArray(), in.readInt(), in.readBoolean(), in.readInt());
    }

    private static int crcOf(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return (int) c.getValue();
    }
}
