package dev.shmkit.memory;

import dev.shmkit.testing.SpaceDirExtension;
import net.openhft.posix.PosixAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deferred posix bindings do what the real ones do once called, as the file system shows. */
@ExtendWith(SpaceDirExtension.class)
class LazyPosixTest {
    private static final long BYTES = 8L << 20;

    /** Bytes the file system has allocated to {@code f} ({@code stat}'s blocks of 512 bytes). */
    private static long allocated(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        return Long.parseLong(out) * 512;
    }

    @Test
    void shouldAllocateThroughTheStandInAtItsFirstCall(Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("lazy.bin"));
        PosixAPI standIn = LazyPosix.standIn();
        int fd = standIn.open(f.toString(), 2 /* O_RDWR */, 0600);
        assertTrue(fd >= 0, "open through the stand-in returned " + fd);
        try {
            assertEquals(0, standIn.fallocate(fd, 0, 0, BYTES));
        } finally {
            assertEquals(0, standIn.close(fd));
        }
        assertTrue(allocated(f) >= BYTES, "allocated=" + allocated(f) + " after fallocate of " + BYTES);
        assertFalse(LazyPosix.deferred(), "posix() still answers with a stand-in after the bindings were built");
        Files.delete(f);
    }

    @Test
    void shouldReserveAndNotSyncOnceMappingIsLoaded(Path dir) throws Exception {
        Path mapped = Files.write(dir.resolve("m.bin"), new byte[4096]);
        try (Mapping m = Mapping.readOnly(mapped)) {
            assertEquals(0, m.readLong(0));
        }
        assertEquals("NONE", System.getProperty(Mapping.SYNC_MODE_PROPERTY));
        Path f = Files.createFile(dir.resolve("reserved.bin"));
        assertTrue(Reservation.reserve(f, BYTES), "fallocate refused or the bindings failed to load");
        assertTrue(allocated(f) >= BYTES, "allocated=" + allocated(f) + " after reserving " + BYTES);
        Path checked = Files.createFile(dir.resolve("checked.bin"));
        assertEquals(BYTES, Reservation.checkFree(checked, BYTES));
        assertEquals(0, allocated(checked), "checkFree allocated bytes");
        for (Path p : new Path[] {mapped, f, checked}) {
            Files.delete(p);
        }
    }
}
