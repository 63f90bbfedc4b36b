package dev.shmkit.table;

import dev.shmkit.SegmentFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorruptFileTest {
    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;
    private Path good;
    private byte[] bytes;

    @BeforeEach
    void writeGoodFile() throws IOException {
        Table t = TestTables.allTypes(1000, TestTables.Nulls.SOME, 3);
        t.addColumns(DoubleColumn.create("marker", new double[1000]));
        good = dir.resolve("good.arrow");
        ArrowTableWriter.write(t, good);
        bytes = Files.readAllBytes(good);
        try (SharedTable st = SharedTable.open(good)) {
            assertEquals(1000, st.rowCount());
        }
    }

    private SegmentFormatException openCorrupt(byte[] content, String... expected) throws IOException {
        Path bad = dir.resolve("bad.arrow");
        Files.write(bad, content);
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedTable.open(bad).close());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
        assertEquals(bad, e.path());
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 17, 100, 4096, -1, -6, -10, -11, -200})
    void shouldRefuseTruncatedFiles(int at) throws IOException {
        int length = at > 0 ? at : bytes.length + at;
        openCorrupt(Arrays.copyOf(bytes, length));
    }

    @Test
    void shouldRefuseWrongMagicAtEitherEnd() throws IOException {
        byte[] start = bytes.clone();
        start[0] = 'X';
        openCorrupt(start, "no ARROW1 magic at start", "offset=0");
        byte[] end = bytes.clone();
        end[end.length - 1] = 'X';
        openCorrupt(end, "no ARROW1 magic at end");
    }

    @Test
    void shouldRefuseFooterLengthOutOfRange() throws IOException {
        for (int footerLength : new int[] {0, -5, bytes.length, Integer.MAX_VALUE}) {
            byte[] b = bytes.clone();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 10, footerLength);
            openCorrupt(b, "footer length=" + footerLength);
        }
    }

    @Test
    void shouldRefuseFlatbufferGarbage() throws IOException {
        int footerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 10);
        Random r = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            byte[] b = bytes.clone();
            int start = b.length - 10 - footerLength;
            for (int i = start; i < b.length - 10; i++) {
                b[i] = (byte) r.nextInt();
            }
            openCorrupt(b);
        }
    }

    @Test
    void shouldRefuseBufferPastTheBody() throws IOException {
        // the first buffer of length 8000 in the record batch metadata is column 'd' (1000 doubles)
        byte[] pattern = new byte[8];
        ByteBuffer.wrap(pattern).order(ByteOrder.LITTLE_ENDIAN).putLong(8000L);
        int at = indexOf(bytes, pattern);
        assertTrue(at > 8, "buffer length not found");
        byte[] b = bytes.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at - 8, 1L << 40);
        openCorrupt(b, "column 'd' values buffer offset=" + (1L << 40), "runs past the body");
        byte[] shortened = bytes.clone();
        ByteBuffer.wrap(shortened).order(ByteOrder.LITTLE_ENDIAN).putLong(at, 800L);
        openCorrupt(shortened, "column 'd' values buffer length=800 < needed=8000");
    }

    @Test
    void shouldRefuseAFormatVersionFromTheFuture() throws IOException {
        Path future = dir.resolve("future.arrow");
        ArrowTableWriter.write(Table.create("f", DoubleColumn.create("x", 1.0)), future, Map.of(), 2);
        openCorrupt(Files.readAllBytes(future), "shmkit.format=2 > supported=1", "version from the future");
    }

    @Test
    void shouldRefuseRandomBytesWithoutCrashing() throws IOException {
        Random r = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            byte[] b = bytes.clone();
            for (int k = 0; k < 8; k++) {
                b[8 + r.nextInt(b.length - 18)] = (byte) r.nextInt();
            }
            Path bad = dir.resolve("random.arrow");
            Files.write(bad, b);
            try (SharedTable st = SharedTable.open(bad)) {
                st.copyToTable(); // corruption inside values is not detectable; reading must stay in bounds
            } catch (SegmentFormatException expected) {
                assertTrue(expected.getMessage().startsWith("segment file " + bad), expected.getMessage());
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
