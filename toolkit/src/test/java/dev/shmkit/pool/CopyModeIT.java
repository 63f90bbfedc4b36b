package dev.shmkit.pool;

import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.segment.SweepReport;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copy mode streams the table to each task's worker into a private file under the space's
 * {@code .tmp/}: counted once, unmapped and deleted after the task, swept after a killed worker,
 * refused with the numbers on a full device. Checked against the file system and /proc.
 */
@ExtendWith(SpaceDirExtension.class)
class CopyModeIT {
    private static Table table(int rows) {
        double[] x = IntStream.range(0, rows).asDoubleStream().toArray();
        return Table.create("t", DoubleColumn.create("x", x), DoubleColumn.create("y", x));
    }

    private static List<Path> copies(Path spaceDir) throws IOException {
        Path tmp = spaceDir.resolve(".tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("copy.")).toList();
        }
    }

    private static long mappedCopies(long pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return lines.filter(l -> l.contains("/.tmp/copy.")).count();
        }
    }

    @Test
    @Timeout(120)
    void shouldStreamEachTaskACopyCountedOnceAndLeaveNothingMapped(Path dir) throws Exception {
        int rows = 200_000;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table(rows));
            long fileBytes = Files.size(t.path());
            JobResult<Double> r = pool.map(t, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()),
                    JobOptions.defaults().copyTable().chunkCount(8));
            assertEquals((double) rows * (rows - 1) / 2, r.reduce(0.0, Double::sum));
            long copied = r.report().bytesCopied();
            assertTrue(copied >= 8 * fileBytes && copied < 8 * fileBytes + 8 * 4096,
                    "bytes copied counted once per task: copied=" + copied + " file=" + fileBytes);
            // The wait for the streamed copy is attach time, not subtracted from the task's run time.
            assertTrue(r.report().tasks().stream().allMatch(x -> x.runNanos() >= 0 && x.attachNanos() > 0), r.report().toString());
            assertEquals(List.of(), copies(dir), "every copy deleted when its task ended");
            for (WorkerInfo w : pool.workers()) {
                long end = System.currentTimeMillis() + 2_000;  // Chronicle unmaps within ~500 ms of the release
                while (mappedCopies(w.pid()) > 0 && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                assertEquals(0, mappedCopies(w.pid()), "worker " + w.pid() + " still maps a copy");
            }
            t.close();
        }
    }

    @Test
    @Timeout(120)
    void shouldSweepTheCopyOfAWorkerKilledMidTask(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(1)) {
            SharedTable t = space.publish("t", table(100_000));
            JobFuture<JobResult<Double>> f = pool.submitMap(t, (view, range) -> {
                Thread.sleep(60_000);
                return 0.0;
            }, JobOptions.defaults().copyTable().chunkCount(1).retries(0));
            long end = System.currentTimeMillis() + 30_000;
            while (copies(dir).isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertEquals(1, copies(dir).size(), "the task's copy exists while it runs");
            long pid = pool.workers().get(0).pid();
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            assertThrows(JobFailedException.class, f::join);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            SweepReport report = space.sweep();
            assertEquals(List.of(), copies(dir), "sweep removed the dead worker's copy: " + report);
            t.close();
        }
    }

    @Test
    @Timeout(180)
    void shouldRefuseACopyTheDeviceCannotHoldWithTheNumbers(Path dir) throws Exception {
        Path small = dir.resolve("small");
        TmpfsMount mount = TmpfsMount.mount(small, 40);
        PoolOptions options = PoolOptions.defaults().workers(1);
        if (mount == null) {
            options = options.jvmFlag("-Dshmkit.test.simulatedFree=" + small.toAbsolutePath() + "=" + (8L << 20));
        }
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(small.resolve("space")));
             WorkerPool pool = WorkerPool.start(options)) {
            SharedTable t = space.publish("t", table(1_500_000));  // 24 MB: a second copy does not fit in 40 MB
            JobFailedException e = assertThrows(JobFailedException.class, () -> pool.map(t,
                    (view, range) -> 0.0, JobOptions.defaults().copyTable().chunkCount(1).retries(0)));
            assertTrue(e.getMessage().contains("SpaceFullException") && e.getMessage().contains("needed=")
                    && e.getMessage().contains("free="), e.getMessage());
            assertEquals(List.of(), copies(small.resolve("space")), "the refused copy was removed");
            assertEquals(1, pool.workers().size(), "the worker survives a full device");
            t.close();
        } finally {
            if (mount != null) {
                mount.close();
            }
        }
    }
}
