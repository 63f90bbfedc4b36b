package dev.shmkit.pool;

import dev.shmkit.job.SerializableFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LazyPoolIT {
    @Test
    void shouldStartNoWorkerUntilFirstUseAndThenTheResizedCount() {
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(1))) {
            assertFalse(pool.isStarted());
            assertEquals(1, pool.size());
            assertTrue(pool.toString().contains("not started"), pool.toString());
            pool.resize(2);
            assertTrue(pool.isStarted());
            assertEquals(2, pool.workers().size());
            SerializableFunction<Integer, Integer> inc = x -> x + 1;
            assertEquals(List.of(2, 3), pool.mapItems(List.of(1, 2), inc).values());
        }
    }

    @Test
    void shouldStartOnTheFirstJobAndRefuseJobsAfterCloseBeforeStart() {
        SerializableFunction<Integer, Integer> inc = x -> x + 1;
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(1))) {
            assertEquals(List.of(6), pool.mapItems(List.of(5), inc).values());
            assertTrue(pool.isStarted());
            assertEquals(1, pool.workers().size());
        }
        WorkerPool unused = WorkerPool.lazy(PoolOptions.defaults().workers(1));
        unused.close();
        assertFalse(unused.isStarted());
        assertThrows(dev.shmkit.ShmkitException.class, () -> unused.mapItems(List.of(5), inc));
    }

    @Test
    void shouldStartInTheBackgroundAndLetAJobMeanwhileWaitForThatStart() throws Exception {
        SerializableFunction<Integer, Integer> inc = x -> x + 1;
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(2))) {
            var started = pool.startInBackground();
            // A job submitted while the start runs waits for it: no second set of workers.
            assertEquals(List.of(2, 3, 4), pool.mapItems(List.of(1, 2, 3), inc).values());
            started.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(pool.isStarted());
            List<Long> pids = pool.workers().stream().map(WorkerInfo::pid).toList();
            assertEquals(2, pids.size(), pids.toString());
            List<Long> workerChildren = ProcessHandle.current().children()
                    .filter(p -> cmdline(p.pid()).contains("dev.shmkit.pool.local.WorkerMain"))
                    .map(ProcessHandle::pid).toList();
            assertTrue(workerChildren.containsAll(pids), "workers " + pids + " among worker children " + workerChildren);
            assertEquals(2, workerChildren.size(), "exactly one start: worker children " + workerChildren);
            assertTrue(pool.startInBackground().isDone(), "a started pool starts nothing more");
        }
        WorkerPool closed = WorkerPool.lazy(PoolOptions.defaults().workers(1));
        closed.close();
        assertTrue(closed.startInBackground().isDone());
        assertFalse(closed.isStarted());
    }

    /** The process's command line from the operating system ("" once it is gone). */
    private static String cmdline(long pid) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
