package dev.shmkit.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.shmkit.pool.local.WorkerMain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shmkit.maxWorkers}: the default pool size is lowered to the cap, an explicit request over it
 * is refused before any worker JVM starts, and a refused resize leaves the running pool as it was;
 * counted as the operating system sees it (this JVM's live child processes).
 */
class MaxWorkersIT {
    private String old;

    @BeforeEach
    void cap() {
        old = System.getProperty(PoolOptions.MAX_WORKERS_PROPERTY);
        System.setProperty(PoolOptions.MAX_WORKERS_PROPERTY, "2");
    }

    @AfterEach
    void uncap() {
        if (old == null) {
            System.clearProperty(PoolOptions.MAX_WORKERS_PROPERTY);
        } else {
            System.setProperty(PoolOptions.MAX_WORKERS_PROPERTY, old);
        }
    }

    private static List<Long> children() {
        // Read /proc/PID/cmdline whole: ProcessHandle.Info cuts long command lines (the class path comes first).
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(pid -> {
                    try {
                        return Files.readString(Path.of("/proc", pid.toString(), "cmdline")).contains(WorkerMain.class.getName());
                    } catch (IOException e) {
                        return false; // exited meanwhile
                    }
                }).toList();
    }

    @Test
    @Timeout(120)
    void shouldRefuseMoreWorkersThanTheCapAndCapTheDefault() {
        assertTrue(PoolOptions.defaults().workers() <= 2, "default " + PoolOptions.defaults().workers());
        List<Long> before = children();
        WorkerLimitException e = assertThrows(WorkerLimitException.class, () -> WorkerPool.start(3));
        assertTrue(e.getMessage().contains("workers=3 > maxWorkers=2") && e.getMessage().contains("shmkit.maxWorkers")
                && e.getMessage().contains("fix:"), e.getMessage());
        assertThrows(WorkerLimitException.class, () -> WorkerPool.lazy(PoolOptions.defaults().workers(5)));
        assertEquals(before, children(), "no worker started for a refused pool");

        try (WorkerPool pool = WorkerPool.start(2)) {
            assertEquals(2, children().size() - before.size());
            WorkerLimitException r = assertThrows(WorkerLimitException.class, () -> pool.resize(4));
            assertTrue(r.getMessage().startsWith("resize(4) refused: workers=4 > maxWorkers=2"), r.getMessage());
            assertEquals(2, pool.size());
            assertEquals(2, pool.workers().size());
            assertEquals(2, children().size() - before.size());
            assertEquals(List.of(1, 4, 9), pool.mapItems(List.of(1, 2, 3), x -> x * x).values());
        }
    }

    @Test
    void shouldReportAnInvalidCap() {
        System.setProperty(PoolOptions.MAX_WORKERS_PROPERTY, "many");
        WorkerLimitException e = assertThrows(WorkerLimitException.class, PoolOptions::defaults);
        assertTrue(e.getMessage().contains("-Dshmkit.maxWorkers='many'"), e.getMessage());
    }
}
