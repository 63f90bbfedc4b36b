package dev.shmkit.object;

import dev.shmkit.memory.Reservation;
import dev.shmkit.memory.SpaceFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A full device: a 4 MiB tmpfs mounted for the test (we run as root in CI). Where the OS refuses
 * the mount, the test falls back to Reservation's pre-check against getUsableSpace() and says so.
 */
class ObjectWriterSpaceFullTest {
    @TempDir
    Path dir;

    private Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws IOException, InterruptedException {
        mountPoint = Files.createDirectory(dir.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString()) == 0;
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            assertEquals(0, run("umount", mountPoint.toString()), "umount " + mountPoint);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + " refused: " + out.trim());
        }
        return p.exitValue();
    }

    @Test
    void shouldReportSpaceFullWithNumbersAndLeaveNoFile() throws IOException {
        if (mounted) {
            System.out.println("space-full path: 4 MiB tmpfs mounted at " + mountPoint);
            Path file = mountPoint.resolve("big.tmp");
            Map<String, double[]> value = Map.of("w", new double[2 << 20]); // 16 MiB
            SpaceFullException e = assertThrows(SpaceFullException.class,
                    () -> ObjectWriter.write(value, file, 1));
            assertTrue(e.needed() > 16L << 20, e.getMessage());
            assertTrue(e.free() >= 0 && e.free() <= 4L << 20, e.getMessage());
            assertTrue(e.getMessage().contains("needed=" + e.needed()) && e.getMessage().contains("free="),
                    e.getMessage());
            try (var files = Files.list(mountPoint)) {
                assertEquals(0, files.count(), "no file left behind on the full device");
            }
        } else {
            System.out.println("space-full path: mount refused; checking Reservation's pre-check instead");
            Path file = Files.createFile(dir.resolve("big.tmp"));
            long usable = Reservation.usableSpace(file);
            assertTrue(usable > 0);
            SpaceFullException e = assertThrows(SpaceFullException.class,
                    () -> Reservation.reserve(file, usable + (1L << 30)));
            assertEquals(usable + (1L << 30), e.needed());
        }
    }
}
