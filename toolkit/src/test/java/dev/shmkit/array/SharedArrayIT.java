package dev.shmkit.array;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.pool.WorkerInfo;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared arrays written by real worker JVMs (issue 11): atomic adds from 2 workers x 1,000,000 increments
 * add up exactly; the workers map an array once, the pages are the ones the parent reads, and they
 * unmap it when the parent closes it (read from {@code /proc/PID/maps}).
 */
@ExtendWith(SpaceDirExtension.class)
class SharedArrayIT {
    private static final int INCREMENTS = 1_000_000;

    private static List<String> arrayMaps(WorkerPool pool, Path dir, String name) {
        return pool.workers().stream().map(WorkerInfo::pid)
                .flatMap(pid -> ProcResources.mapsUnder(pid, dir).stream())
                .filter(l -> l.contains("/" + name + ".v")).toList();
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldAddUpExactlyWithAtomicAddsFromTwoWorkers(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedLongArray hist = space.allocateLongs("hist", 16);
            SharedDoubleArray total = space.allocateDoubles("total", 1);
            SharedIntArray ints = space.allocateInts("ints", 1);
            JobResult<Long> r = pool.mapItems(List.of(0, 1), k -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    hist.addAndGet(i & 15, 1);
                    total.addAndGet(0, 1.0);
                    ints.getAndAdd(0, 1);
                }
                return ProcessHandle.current().pid();
            }, JobOptions.defaults().chunkSize(1));
            assertEquals(2, r.values().stream().distinct().count(), "two workers added at once: " + r.values());
            long sum = 0;
            for (int b = 0; b < 16; b++) {
                assertEquals(2L * INCREMENTS / 16, hist.get(b), "bucket " + b);
                sum += hist.get(b);
            }
            assertEquals(2L * INCREMENTS, sum, "no increment lost");
            assertEquals(2.0 * INCREMENTS, total.get(0), "double adds by CAS on the raw bits lose nothing");
            assertEquals(2 * INCREMENTS, ints.get(0));
            for (String name : List.of("hist", "total", "ints")) {
                assertEquals(2, arrayMaps(pool, dir, name).size(), "each worker maps " + name + " once: "
                        + arrayMaps(pool, dir, name));
            }

            JobResult<Long> again = pool.mapItems(List.of(0, 1), k -> hist.addAndGet(k, 10), JobOptions.defaults().chunkSize(1));
            assertEquals(2L * INCREMENTS / 16 + 10, hist.get(0), "a second job writes the same pages: " + again.values());

            hist.close();
            total.close();
            ints.close();
            long t0 = System.nanoTime();
            while (!(arrayMaps(pool, dir, "hist").isEmpty() && arrayMaps(pool, dir, "total").isEmpty()
                    && arrayMaps(pool, dir, "ints").isEmpty())) {
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30),
                        "workers still map closed arrays: " + arrayMaps(pool, dir, "hist"));
                Thread.sleep(20);
            }
        }
    }
}
