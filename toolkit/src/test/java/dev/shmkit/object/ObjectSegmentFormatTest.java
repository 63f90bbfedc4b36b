package dev.shmkit.object;

import dev.shmkit.SegmentFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static dev.shmkit.object.ObjectSegmentDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class ObjectSegmentFormatTest {
    @TempDir
    Path dir;

    private Path valid() {
        Path file = dir.resolve("valid");
        ObjectWriter.write(Map.of("w", new double[ObjectSegmentTest.AT_THRESHOLD + 1], "s", "small"), file, 42);
        return file;
    }

    private static void putLong(Path file, long offset, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(b, offset);
        }
    }

    private static void putInt(Path file, long offset, int value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(b, offset);
        }
    }

    private static SegmentFormatException rejected(Path file, String expected) {
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> ObjectSegment.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void shouldOpenValidFileAndReadHeaderFields() {
        try (ObjectSegment seg = ObjectSegment.open(valid())) {
            assertEquals(42, seg.publisherPid());
            assertTrue(seg.createdMillis() > 0);
            assertEquals(1, seg.arrays().size());
        }
    }

    @Test
    void shouldRejectFilesTruncatedAtSeveralPoints() throws IOException {
        Path file = valid();
        long length = Files.size(file);
        long[] cuts = {1, 8, HEADER_LENGTH - 1, HEADER_LENGTH, HEADER_LENGTH + 40, length / 2, length - 1};
        for (long cut : cuts) {
            Path copy = Files.copy(file, dir.resolve("cut-" + cut));
            try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
                raf.setLength(cut);
            }
            rejected(copy, cut < HEADER_LENGTH ? "< header=" + HEADER_LENGTH : "truncated?");
        }
        Path empty = Files.createFile(dir.resolve("empty"));
        rejected(empty, "length=0");
    }

    @Test
    void shouldRejectBadMagic() throws IOException {
        Path file = valid();
        putLong(file, MAGIC_OFFSET, 0x4241444d41474943L);
        rejected(file, "not a shmkit object segment");
    }

    @Test
    void shouldRejectFutureLayoutVersion() throws IOException {
        Path file = valid();
        putInt(file, VERSION_OFFSET, LAYOUT_VERSION + 1);
        rejected(file, "layout version=" + (LAYOUT_VERSION + 1) + " is newer");
    }

    @Test
    void shouldRejectArrayOffsetPastEnd() throws IOException {
        Path file = valid();
        long table;
        try (ObjectSegment seg = ObjectSegment.open(file)) {
            table = seg.arrays().get(0).offset();
        }
        long tableOffset = readLong(file, TABLE_OFFSET_OFFSET);
        putLong(file, tableOffset + ENTRY_DATA_OFFSET_OFFSET, dev.shmkit.memory.Bytes.align(Files.size(file), 64) + 64);
        rejected(file, "runs past the end of the file");
        putLong(file, tableOffset + ENTRY_DATA_OFFSET_OFFSET, table + 8);
        rejected(file, "not 64-byte aligned");
        putLong(file, tableOffset + ENTRY_DATA_OFFSET_OFFSET, table);
        putLong(file, tableOffset + ENTRY_COUNT_OFFSET, Long.MAX_VALUE / 2);
        rejected(file, "element count=");
    }

    @Test
    void shouldRejectKryoLengthPastEnd() throws IOException {
        Path file = valid();
        putLong(file, PAYLOAD_LENGTH_OFFSET, Files.size(file));
        rejected(file, "kryo payload");
        putLong(file, PAYLOAD_LENGTH_OFFSET, -1);
        rejected(file, "kryo payload");
    }

    @Test
    void shouldRejectCorruptTableAndCounts() throws IOException {
        Path file = valid();
        putInt(file, ARRAY_COUNT_OFFSET, 1_000_000);
        rejected(file, "array count=1000000");
        putInt(file, ARRAY_COUNT_OFFSET, 1);
        long tableOffset = readLong(file, TABLE_OFFSET_OFFSET);
        putInt(file, tableOffset + ENTRY_TYPE_OFFSET, 99);
        rejected(file, "unknown element type code=99");
        putInt(file, tableOffset + ENTRY_TYPE_OFFSET, ArrayType.DOUBLE.code());
        putInt(file, tableOffset + ENTRY_PATH_LENGTH_OFFSET, 4096);
        rejected(file, "path length=4096");
    }

    private static long readLong(Path file, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(b, offset);
        }
        return b.getLong(0);
    }
}
