package dev.shmkit.pool.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./shmkit space --sweep} and a starting pool remove whole control directories of dead parents. */
class DeadPoolSweepTest {
    @Test
    void shouldRemoveADeadParentsPoolDirectoryWithAKilledWorkersWarmUpSpaceInside(@TempDir Path base) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = base.resolve(ControlDirectory.POOLS).resolve(gone.pid() + ".1");
        Path nested = dead.resolve("warmup.4242").resolve(".tmp");
        Files.createDirectories(nested);
        Files.writeString(nested.resolve("x.4242.1.arrow"), "left by a killed worker");
        Files.writeString(dead.resolve(ControlDirectory.SOCKET), "");
        Path results = Files.createDirectories(dead.resolve(ResultFiles.RESULTS));
        Files.writeString(results.resolve("t3-1." + gone.pid() + ".1.res"), "a result the dead parent held");
        Path live = base.resolve(ControlDirectory.POOLS).resolve(ProcessHandle.current().pid() + ".7");
        Files.createDirectories(live);

        assertEquals(1, LocalBackendFactory.sweepDeadPools(base));
        assertFalse(Files.exists(dead), "the dead parent's directory is gone, nested warm-up space and result"
                + " segments included");
        assertTrue(Files.isDirectory(live), "a live pool's directory stays");
    }
}
