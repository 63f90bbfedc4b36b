package dev.shmkit.pool.hazelcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file cut into chunks: lengths, offsets, each chunk's CRC and the whole file's on the last one; a corrupt chunk is named. */
class FileChunkTest {
    @Test
    void shouldCutAFileIntoChunksWhoseLastCarriesTheWholeCrc(@TempDir Path dir) throws IOException {
        byte[] data = new byte[2 * SegmentShipper.CHUNK_BYTES + 12_345];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("f"), data);
        CRC32C expectedWhole = new CRC32C();
        expectedWhole.update(data);
        byte[] assembled = new byte[data.length];
        int chunks = 0;
        FileChunk c;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CRC32C whole = new CRC32C();
            long offset = 0;
            do {
                c = FileChunk.read(ch, data.length, offset, whole);
                c.checkCrc("test file", "nothing");
                assertEquals(offset, c.offset());
                assertEquals(data.length, c.total());
                System.arraycopy(c.bytes(), 0, assembled, (int) c.offset(), c.bytes().length);
                assertEquals(c.end() >= data.length, c.last());
                assertEquals(c.last() ? (int) expectedWhole.getValue() : 0, c.fileCrc());
                offset = c.end();
                chunks++;
            } while (offset < data.length);
        }
        assertEquals(3, chunks);
        assertEquals(12_345, c.bytes().length);
        assertArrayEquals(data, assembled);
    }

    @Test
    void shouldNameTheChunkWhoseBytesChangedOnTheWay(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[] {1, 2, 3, 4});
        FileChunk c;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            c = FileChunk.read(ch, 4, 0, new CRC32C());
        }
        assertTrue(c.last());
        c.bytes()[2] ^= 1;
        ClusterException e = assertThrows(ClusterException.class, () -> c.checkCrc("segment s/big@v3", "the next job ships it again"));
        assertTrue(e.getMessage().startsWith("segment s/big@v3 chunk offset=0 length=4: crc32c="), e.getMessage());
        assertTrue(e.getMessage().endsWith("(corrupted on the way; the next job ships it again)"), e.getMessage());
    }

    @Test
    void shouldRefuseAFileShorterThanItsLength(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            IOException e = assertThrows(IOException.class, () -> FileChunk.read(ch, 20, 0, new CRC32C()));
            assertFalse(e.getMessage().isEmpty());
            assertTrue(e.getMessage().contains("ended at 10 before 20"), e.getMessage());
        }
    }
}
