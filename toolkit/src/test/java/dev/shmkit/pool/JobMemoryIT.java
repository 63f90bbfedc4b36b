package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.WorkerMemory;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JobOptions#measureMemory}: the report lists each worker's sampled physical memory. Sharing a
 * table, the workers' shared PSS sums to at most the table once; copying it, each worker holds its own
 * copy while its task runs, so the sum is about one table per worker.
 */
@ExtendWith(SpaceDirExtension.class)
class JobMemoryIT {
    /** 4 M doubles = 32 MB. */
    private static final int ROWS = 4_000_000;

    @Test
    @Timeout(180)
    void shouldReportSharedOnceWhenSharingAndOncePerWorkerWhenCopying(Path dir) throws Exception {
        double[] x = IntStream.range(0, ROWS).asDoubleStream().toArray();
        // Reads the whole column, then stays a while so the sampler (every 50 ms) sees the task's mapping.
        RowTask<Double> slowSum = (view, rows) -> {
            double s = view.doubleColumn("x").sum(0, view.rowCount());
            Thread.sleep(400);
            return s;
        };
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedTable big = space.publish("big", Table.create("t", DoubleColumn.create("x", x)));
            measure(space, big, slowSum);
            big.close();
            assertTrue(space.remove("big")); // after the workers exited: nobody maps it, it is unlinked at once
        }
    }

    private static void measure(SharedSpace space, SharedTable big, RowTask<Double> slowSum) throws Exception {
        try (WorkerPool pool = WorkerPool.start(2)) {
            long file = Files.size(space.store().current("big").orElseThrow().path());
            Set<Long> pids = pool.workers().stream().map(WorkerInfo::pid).collect(Collectors.toSet());

            JobReport plain = pool.map(big, slowSum, JobOptions.defaults().chunkCount(2)).report();
            assertTrue(plain.memory().isEmpty(), "not measured unless asked");

            JobReport share = pool.map(big, slowSum, JobOptions.defaults().chunkCount(2).measureMemory(true)).report();
            JobReport copy = pool.map(big, slowSum, JobOptions.defaults().chunkCount(2).copyTable().measureMemory(true)).report();
            System.out.println("share:\n" + share + "\ncopy:\n" + copy + "\ntable file=" + file);
            for (JobReport r : new JobReport[] {share, copy}) {
                assertEquals(pids, r.memory().stream().map(WorkerMemory::pid).collect(Collectors.toSet()), r::toString);
                for (WorkerMemory m : r.memory()) {
                    assertTrue(m.samples() >= 2 && m.peakPrivateBytes() > 0, r::toString);
                }
            }
            long shared = share.memory().stream().mapToLong(WorkerMemory::peakSharedBytes).sum();
            long copied = copy.memory().stream().mapToLong(WorkerMemory::peakSharedBytes).sum();
            // Sharing: the parent maps the table too, so the two workers' proportional shares are 2/3 of it.
            assertTrue(shared >= file / 2 && shared <= file + (8 << 20), "share: workers' PSS sum=" + shared + " file=" + file);
            assertTrue(copied >= 3 * file / 2, "copy: workers' PSS sum=" + copied + " file=" + file + " (one copy each)");
            assertTrue(share.toString().contains("physical memory per worker"), share::toString);
        }
    }
}
