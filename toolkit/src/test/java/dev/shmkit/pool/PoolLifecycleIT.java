package dev.shmkit.pool;

import dev.shmkit.JvmFlags;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolLifecycleIT {
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean awaitGone(List<Long> pids, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (pids.stream().anyMatch(PoolLifecycleIT::alive)) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void shouldLeaveNoProcessAfterClose() throws Exception {
        WorkerPool pool = WorkerPool.start(2);
        List<Long> pids = pool.workers().stream().map(WorkerInfo::pid).toList();
        assertEquals(2, pids.size());
        assertTrue(pids.stream().allMatch(PoolLifecycleIT::alive));
        pool.close();
        pool.close();
        assertTrue(pids.stream().noneMatch(PoolLifecycleIT::alive), pids.toString());
    }

    @Test
    void shouldResizeAndReuseWorkers() throws Exception {
        try (WorkerPool pool = WorkerPool.start(1)) {
            assertEquals(1, pool.workers().size());
            pool.resize(3);
            assertEquals(3, pool.workers().size());
            assertEquals(List.of(2, 3, 4), pool.mapItems(List.of(1, 2, 3), x -> x + 1).values());
            List<Long> before = pool.workers().stream().map(WorkerInfo::pid).toList();
            pool.resize(1);
            assertTrue(awaitGone(before.subList(0, 2), 5000) || pool.workers().size() == 1);
            long end = System.currentTimeMillis() + 5000;
            while (pool.workers().size() != 1 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertEquals(1, pool.workers().size());
            assertEquals(List.of(5), pool.mapItems(List.of(4), x -> x + 1).values());
            assertTrue(pool.workers().get(0).tasksDone() >= 1);
        }
    }

    @Test
    void shouldTakeWorkersDownWithKilledParent() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PoolParentMain.class.getName());
        Process parent = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("PIDS ")) {
                System.out.println("parent: " + line);
            }
            assertNotNull(line, "parent exited without printing its workers");
            Arrays.stream(line.substring(5).split(",")).map(Long::parseLong).forEach(pids::add);
            assertEquals(2, pids.size());
            assertTrue(pids.stream().allMatch(PoolLifecycleIT::alive));
            parent.destroyForcibly().waitFor();
            assertTrue(awaitGone(pids, 2000), "workers still alive: " + pids);
        } finally {
            parent.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        assertFalse(parent.isAlive());
    }

    /** A parent JVM for the test above: starts a pool, prints its worker pids and waits to be killed. */
    public static final class PoolParentMain {
        public static void main(String[] args) throws Exception {
            WorkerPool pool = WorkerPool.start(2);
            pool.mapItems(List.of(1, 2), x -> x);
            System.out.println("PIDS " + String.join(",", pool.workers().stream().map(w -> Long.toString(w.pid())).toList()));
            System.out.flush();
            Thread.sleep(120_000);
            pool.close();
        }
    }

}
