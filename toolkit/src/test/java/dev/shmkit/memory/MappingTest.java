package dev.shmkit.memory;

import dev.shmkit.ShmkitException;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class MappingTest {
    private static final long SELF = ProcResources.self();

    private static Path file(Path dir, String name, int bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, new byte[bytes]);
        return f;
    }

    @Test
    void shouldBeGoneFromProcSelfMapsAndFdsOnceClosed(Path dir) throws IOException {
        Path f = file(dir, "a.bin", 1 << 20);
        Mapping m = Mapping.readOnly(f);
        assertEquals(1, ProcResources.mappedFilesUnder(SELF, dir).size(), ProcResources.mapsUnder(SELF, dir).toString());
        m.close();
        assertEquals(List.of(), ProcResources.mapsUnder(SELF, dir), "unmapped before close() returned");
        assertEquals(List.of(), ProcResources.fdsUnder(SELF, dir));
        m.close(); // idempotent
        assertThrows(ShmkitException.class, m::address);
        Files.delete(f);
    }

    @Test
    void shouldUnmapAHandleNobodyReferences(Path dir) throws Exception {
        Path f = file(dir, "dropped.bin", 1 << 20);
        mapAndDrop(f);
        assertEquals(1, ProcResources.mapsUnder(SELF, dir).size());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ProcResources.mapsUnder(SELF, dir).isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(List.of(), ProcResources.mapsUnder(SELF, dir), "the cleaner unmaps an unreachable handle");
        Files.delete(f);
    }

    private static void mapAndDrop(Path f) {
        Mapping m = Mapping.readOnly(f);
        assertEquals(0L, m.readLong(0));
    }

    @Test
    void shouldMapOnceUnderOneKeyUntilTheLastHandleCloses(Path dir) throws IOException {
        Path f = file(dir, "shared.bin", 1 << 20);
        Object key = "shared-" + System.nanoTime();
        Mapping a = Mapping.shared(key, () -> Mapping.readOnly(f));
        Mapping b = Mapping.shared(key, () -> Mapping.readOnly(f));
        Mapping c = b.share();
        assertEquals(a.address(), b.address());
        assertEquals(1, ProcResources.mappedFilesUnder(SELF, dir).size(), "one mmap for three handles");
        a.close();
        b.close();
        assertEquals(0L, c.readLong(8), "the last handle still reads");
        assertEquals(1, ProcResources.mappedFilesUnder(SELF, dir).size());
        c.close();
        assertEquals(List.of(), ProcResources.mapsUnder(SELF, dir));
        Mapping again = Mapping.shared(key, () -> Mapping.readOnly(f));
        assertTrue(!again.isClosed(), "a key whose mapping was unmapped maps afresh");
        again.close();
        Files.delete(f);
    }

    @Test
    void shouldRunAfterUnmapActionsOnceTheFileIsUnmapped(Path dir) throws IOException {
        Path f = file(dir, "hook.bin", 4096);
        Mapping m = Mapping.readOnly(f);
        List<String> seen = new java.util.ArrayList<>();
        m.whenUnmapped(() -> seen.add(ProcResources.mapsUnder(SELF, dir).isEmpty() ? "unmapped" : "still mapped"));
        m.close();
        assertEquals(List.of("unmapped"), seen);
        Files.delete(f);
    }

    @Test
    void shouldShareWritesOfAReadWriteMapping(Path dir) throws IOException {
        Path f = file(dir, "rw.bin", 4096);
        try (Mapping rw = Mapping.readWrite(f); Mapping ro = Mapping.readOnly(f)) {
            assertTrue(rw.isWritable());
            rw.writeLong(64, 0x1234_5678_9abcL);
            assertEquals(0x1234_5678_9abcL, ro.readLong(64), "a second mapping of the file sees the write");
            assertThrows(ShmkitException.class, () -> ro.writeLong(0, 1), "read-only refuses writes");
            assertThrows(dev.shmkit.SegmentFormatException.class, () -> rw.writeLong(4090, 1), "past the end");
        }
        assertEquals(0x1234_5678_9abcL, java.nio.ByteBuffer.wrap(Files.readAllBytes(f)).order(java.nio.ByteOrder.nativeOrder()).getLong(64),
                "the write reached the file");
        Files.delete(f);
    }

    @Test
    void shouldReportAMissingFileAtTheMemoryLevel(Path dir) {
        MissingFileException e = assertThrows(MissingFileException.class, () -> Mapping.readOnly(dir.resolve("nope")));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertTrue(e.getMessage().contains("file=" + dir.resolve("nope")), e.getMessage());
    }
}
