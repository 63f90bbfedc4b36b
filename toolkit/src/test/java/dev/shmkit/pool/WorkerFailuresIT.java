package dev.shmkit.pool;

import dev.shmkit.job.JobCancelledException;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerFailuresIT {
    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = WorkerPool.start(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** A task that writes its worker's pid to {@code dir/pid} and sleeps, unless {@code dir/pid} exists. */
    private static JobFuture<Long> sleepOnce(Path dir, JobOptions options) {
        String d = dir.toString();
        return pool.submit(() -> {
            Path pidFile = Path.of(d, "pid");
            if (Files.exists(pidFile)) {
                return -1L;
            }
            Files.writeString(Path.of(d, "pid.tmp"), Long.toString(ProcessHandle.current().pid()));
            Files.move(Path.of(d, "pid.tmp"), pidFile);
            Thread.sleep(60_000);
            return 0L;
        }, options);
    }

    private static long awaitPid(Path dir) throws Exception {
        Path f = dir.resolve("pid");
        long end = System.currentTimeMillis() + 20_000;
        while (!Files.exists(f)) {
            assertTrue(System.currentTimeMillis() < end, "task did not start");
            Thread.sleep(10);
        }
        return Long.parseLong(Files.readString(f));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void touch(Path p) {
        try {
            Files.createFile(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertPoolWorks() {
        assertEquals(List.of(1, 4, 9), pool.mapItems(List.of(1, 2, 3), x -> x * x).values());
    }

    @Test
    void shouldRetryTaskOfKilledWorker(@TempDir Path dir) throws Exception {
        JobFuture<Long> f = sleepOnce(dir, JobOptions.defaults());
        long pid = awaitPid(dir);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertEquals(-1L, f.join());
        assertTrue(pool.workers().stream().noneMatch(w -> w.pid() == pid));
        assertPoolWorks();
    }

    @Test
    void shouldNameWorkerPidAndExitCodeWhenRetriesRunOut(@TempDir Path dir) throws Exception {
        JobFuture<Long> f = sleepOnce(dir, JobOptions.defaults().retries(0));
        long pid = awaitPid(dir);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        JobFailedException e = assertThrows(JobFailedException.class, f::join);
        assertEquals(pid, e.pid());
        assertEquals(137, e.exitCode());
        assertTrue(e.workerId() >= 1);
        assertTrue(e.getMessage().contains("(pid " + pid + ") exited with 137"), e.getMessage());
        assertTrue(e.getMessage().contains("likely killed for memory"), e.getMessage());
        assertPoolWorks();
    }

    @Test
    void shouldSurviveSystemExitInTask(@TempDir Path dir) {
        String d = dir.toString();
        JobResult<Integer> r = pool.mapItems(List.of(1, 2, 3, 4), x -> {
            if (x == 3 && !Files.exists(Path.of(d, "exited"))) {
                touch(Path.of(d, "exited"));
                System.exit(42);
            }
            return x * 10;
        }, JobOptions.defaults().chunkSize(1));
        assertEquals(List.of(10, 20, 30, 40), r.values());
        JobFailedException e = assertThrows(JobFailedException.class, () -> pool.mapItems(List.of(1), x -> {
            System.exit(42);
            return x;
        }, JobOptions.defaults().retries(0)));
        assertEquals(42, e.exitCode());
        assertEquals("item 0", e.task());
        assertPoolWorks();
    }

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void shouldReportStackOverflowAsTaskError() {
        JobFailedException e = assertThrows(JobFailedException.class, () -> pool.mapItems(List.of(1), x -> recurse(x)));
        assertEquals("java.lang.StackOverflowError", e.remoteClass());
        assertEquals(null, e.exitCode());
        assertPoolWorks();
    }

    @Test
    void shouldKillTaskPastItsTimeout() {
        long t0 = System.nanoTime();
        JobFailedException e = assertThrows(JobFailedException.class, () -> pool.submit(() -> {
            Thread.sleep(60_000);
            return 0;
        }, JobOptions.defaults().timeout(Duration.ofMillis(500)).retries(0)).join());
        assertTrue(e.getMessage().contains("exceeded timeout=PT0.5S"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
        assertPoolWorks();
    }

    @Test
    void shouldCancelFromAnotherThread() throws Exception {
        JobFuture<JobResult<Integer>> f = pool.submitItems(List.of(1, 2, 3, 4), x -> {
            sleep(60_000);
            return x;
        }, JobOptions.defaults().chunkSize(1));
        Thread.sleep(300);
        assertTrue(f.cancel(true));
        assertThrows(JobCancelledException.class, f::join);
        assertTrue(f.isCancelled());
        assertPoolWorks();
    }

    @Test
    void shouldCancelTaskThatIgnoresInterruption() throws Exception {
        JobFuture<Integer> f = pool.submit(() -> {
            long end = System.nanoTime() + 60_000_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x++;
            }
            return (int) x;
        });
        Thread.sleep(300);
        f.cancel(true);
        assertThrows(JobCancelledException.class, f::join);
        assertPoolWorks();
    }

    @Test
    void shouldCancelWhenWaitingThreadIsInterrupted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                pool.mapItems(List.of(1, 2), x -> {
                    sleep(60_000);
                    return x;
                });
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);
        assertTrue(thrown.get() instanceof JobCancelledException, String.valueOf(thrown.get()));
        assertTrue(flag.get());
        assertPoolWorks();
    }
}
