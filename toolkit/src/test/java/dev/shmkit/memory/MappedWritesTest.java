package dev.shmkit.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies into a real mapping of a file on {@code /dev/shm}, pages mapped ahead of the copy. */
class MappedWritesTest {
    private Path dir;

    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "mapped-writes");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test
    void shouldCopyPiecesAtUnalignedOffsetsUpToTheLastPageAndPopulateTheirPagesInOneCallEach() throws IOException {
        Path file = dir.resolve("f");
        long length = Mapping.readWriteLength(file, 40L << 20); // over PARALLEL_MIN_BYTES: the helper threads copy too
        long[] first = new long[3_000_001];
        double[] last = new double[1_000_003];
        for (int i = 0; i < first.length; i++) {
            first[i] = i * 31L;
        }
        for (int i = 0; i < last.length; i++) {
            last[i] = i / 7.0;
        }
        long firstAt = 4160;                          // not page aligned: its first page starts before it
        long lastAt = length - 8L * last.length - 8;  // ends 8 bytes before the file: its last page is the file's
        Files.write(file, new byte[0]);
        assertTrue(Reservation.reserve(file, length), "fallocate is available here");
        try (Mapping m = Mapping.readWrite(file)) {
            boolean missing = MappedWrites.copy(m, List.of(new MappedWrites.Piece(first, 8L * first.length, firstAt),
                    new MappedWrites.Piece(last, 8L * last.length, lastAt)));
            assertFalse(missing, "nothing was checked");
        }
        try (FileChannel ch = FileChannel.open(file)) {
            assertEquals(length, ch.size());
            ByteBuffer a = ByteBuffer.allocate(8 * first.length).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(a, firstAt);
            ByteBuffer b = ByteBuffer.allocate(8 * last.length).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, lastAt);
            for (int i = 0; i < first.length; i++) {
                assertEquals(first[i], a.getLong(8 * i), "long " + i);
            }
            for (int i = 0; i < last.length; i++) {
                assertEquals(last[i], b.getDouble(8 * i), "double " + i);
            }
        }
        // Linux 5.14 added MADV_POPULATE_WRITE; a range the kernel refuses (misaligned, past the mapping) turns it off
        if (kernelAtLeast(5, 14)) {
            assertTrue(MappedWrites.populating(), "madvise(MADV_POPULATE_WRITE) was refused on Linux " + System.getProperty("os.version"));
        }
    }

    private static boolean kernelAtLeast(int major, int minor) {
        String[] v = System.getProperty("os.version").split("[.-]");
        int ma = Integer.parseInt(v[0]);
        int mi = Integer.parseInt(v[1]);
        return ma > major || (ma == major && mi >= minor);
    }
}
