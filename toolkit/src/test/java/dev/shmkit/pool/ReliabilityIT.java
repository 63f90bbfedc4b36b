package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failure handling that lives in the pool: cancelling a failed job everywhere, task OOM, replacements that die. */
@ExtendWith(SpaceDirExtension.class)
class ReliabilityIT {
    @Test
    @Timeout(120)
    void shouldCancelAFailedJobsOtherTasksOnEveryWorker(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            double[] x = IntStream.range(0, 400_000).asDoubleStream().toArray();
            SharedTable t = space.publish("t", Table.create("t", DoubleColumn.create("x", x)));
            List<Long> pids = pool.workers().stream().map(WorkerInfo::pid).toList();
            long t0 = System.nanoTime();
            JobFailedException e = assertThrows(JobFailedException.class, () -> pool.map(t, (view, r) -> {
                if (r.from() == 0) {
                    Thread.sleep(500);  // the other worker has its copy and is running by now
                    throw new IllegalStateException("first task fails");
                }
                Thread.sleep(60_000);  // interrupted by the cancel
                return 0.0;
            }, JobOptions.defaults().copyTable().chunkCount(2)));
            assertTrue(e.getMessage().contains("first task fails"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "the job failed at once, not after the sleeping task");
            long end = System.currentTimeMillis() + 10_000;
            while (hasCopies(dir) && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertFalse(hasCopies(dir), "the other worker's copy was dropped when the job failed");
            assertEquals(pids, pool.workers().stream().map(WorkerInfo::pid).toList(),
                    "the other task stopped on interruption: no worker was killed");
            assertEquals(2, pool.map(t, (view, r) -> 1.0, JobOptions.defaults().chunkCount(2)).values().size());
            t.close();
        }
    }

    private static boolean hasCopies(Path dir) throws Exception {
        Path tmp = dir.resolve(".tmp");
        if (!Files.isDirectory(tmp)) {
            return false;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("copy."));
        }
    }

    @Test
    @Timeout(60)
    void shouldReportAnOutOfMemoryErrorTheTaskThrowsAsItsError() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            long pid = pool.workers().get(0).pid();
            JobFailedException e = assertThrows(JobFailedException.class, () -> pool.submit(() -> {
                throw new OutOfMemoryError("thrown by the task itself");
            }).join());
            assertTrue(e.getMessage().contains("OutOfMemoryError") && e.getMessage().contains("thrown by the task itself"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("ran out of heap"), e.getMessage());
            assertEquals(pid, pool.workers().get(0).pid(), "the worker lives on");
            assertEquals(7, pool.submit(() -> 7).join());
        }
    }

    @Test
    @Timeout(180)
    void shouldGiveUpOnReplacementsThatDieBeforeConnectingAndFailWaitingJobs(Path dir) throws Exception {
        Path flags = dir.resolve("worker.flags");
        Files.writeString(flags, "-Dshmkit.test=1\n");
        try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().workers(1).jvmFlag("-XX:VMOptionsFile=" + flags))) {
            Files.writeString(flags, "-XX:+NoSuchOptionMakesTheJvmRefuseToStart\n");  // every replacement dies at once
            long pid = pool.workers().get(0).pid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ShmkitException e = assertThrows(ShmkitException.class,
                    () -> pool.mapItems(List.of(1, 2), x -> x, JobOptions.defaults().timeout(java.time.Duration.ofSeconds(5))));
            assertTrue(e.getMessage().contains("replacements in a row died before connecting")
                    || e.getMessage().contains("not started"), e.getMessage());
            assertEquals(pool.workers().size(), pool.size(), "size() and workers() agree: " + pool.workers());
            assertEquals(0, pool.size());
            Files.writeString(flags, "-Dshmkit.test=2\n");
            pool.resize(1);
            assertEquals(List.of(1, 4), pool.mapItems(List.of(1, 2), x -> x * x).values());
            assertEquals(1, pool.size());
        } finally {
            Files.deleteIfExists(flags);
        }
    }

}
