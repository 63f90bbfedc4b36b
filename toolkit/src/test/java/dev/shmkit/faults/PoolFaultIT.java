package dev.shmkit.faults;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.pool.WorkerInfo;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.FaultCases;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.IntColumnView;
import dev.shmkit.table.StringColumnView;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 6 with a real pool: a segment that workers are reading is truncated, or has its string
 * offsets overwritten, in place. The job fails with an exception that names the file and the likely
 * cause, no worker JVM crashes (no {@code hs_err_pid<worker>.log} in its working directory) and the
 * pool goes on running jobs.
 */
@ExtendWith(SpaceDirExtension.class)
class PoolFaultIT {
    private static final int ROWS = 2_000_000;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFailTheJobClearlyAndKeepThePoolWhenASegmentIsChangedUnderItsWorkers(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            List<long[]> workers = new ArrayList<>();
            List<Path> cwds = new ArrayList<>();
            for (WorkerInfo w : pool.workers()) {
                workers.add(new long[] {w.pid()});
                cwds.add(Files.readSymbolicLink(Path.of("/proc/" + w.pid() + "/cwd")));
            }
            // 1. Truncation of a version the workers have mapped and read.
            SharedTable big = space.publish("big", TableGenerator.rows(ROWS).doubles(1).seed(3).generate());
            double expected = big.doubleColumn("x0").sum();
            assertEquals(expected, sum(pool, big), 1e-6 * Math.abs(expected));
            FaultCases.truncateInPlace(big.path());
            JobFailedException truncated = assertThrows(JobFailedException.class, () -> sum(pool, big));
            String m = truncated.getMessage();
            assertNamesTheCutFile(m, big);

            // 1b. The same in a loop of the task's own: ints widened into a long. HotSpot raises the fault
            // there after get() returned; the worker still names the file (and does not crash: that shape
            // once aborted HotSpot's signal handler, see FaultSafeLoads).
            SharedTable ints = space.publish("ints", TableGenerator.rows(ROWS).ints(1).seed(5).generate());
            assertEquals((long) ints.intColumn("i0").sum(), intLoop(pool, ints));
            FaultCases.truncateInPlace(ints.path());
            JobFailedException loop = assertThrows(JobFailedException.class, () -> intLoop(pool, ints));
            assertNamesTheCutFile(loop.getMessage(), ints);

            // 2. String offsets overwritten in place before the workers decode them.
            SharedTable strings = space.publish("strings", TableGenerator.rows(200_000).doubles(1).strings(1, 1000).seed(7).generate());
            assertEquals(200_000L, (long) pool.map(strings, (v, r) -> (long) r.size(), JobOptions.defaults().chunkCount(4))
                    .reduce(0L, Long::sum), "workers attach it first");
            FaultCases.overwriteDictionaryOffsets(strings.path(), "s0", 11);
            JobFailedException overwritten = assertThrows(JobFailedException.class, () -> pool.map(strings, (v, r) -> {
                StringColumnView s = v.stringColumn("s0");
                long chars = 0;
                for (int i = r.from(); i < r.to(); i++) {
                    chars += s.get(i).length();
                }
                return chars;
            }, JobOptions.defaults().chunkCount(4)));
            assertTrue(overwritten.getMessage().contains("SegmentFormatException")
                    && overwritten.getMessage().contains(strings.path().getFileName().toString()), overwritten.getMessage());

            // 3. No worker crashed, and the pool still runs jobs correctly.
            for (int i = 0; i < workers.size(); i++) {
                long pid = workers.get(i)[0];
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker pid=" + pid + " survived");
                assertTrue(Files.notExists(cwds.get(i).resolve("hs_err_pid" + pid + ".log")), "no hs_err for worker " + pid);
            }
            SharedTable fresh = space.publish("fresh", TableGenerator.rows(ROWS).doubles(1).seed(4).generate());
            double e2 = fresh.doubleColumn("x0").sum();
            assertEquals(e2, sum(pool, fresh), 1e-6 * Math.abs(e2));
            space.remove("big");
            space.remove("strings");
            space.remove("ints");
        }
    }

    private static void assertNamesTheCutFile(String m, SharedTable t) {
        assertTrue(m.contains("SegmentFormatException") && m.contains(t.path().getFileName().toString())
                && m.contains("changed or truncated while mapped"), m);
    }

    private static long intLoop(WorkerPool pool, SharedTable t) {
        return pool.map(t, (v, r) -> {
            IntColumnView c = v.intColumn("i0");
            long s = 0;
            for (int i = r.from(); i < r.to(); i++) {
                s += c.get(i);
            }
            return s;
        }, JobOptions.defaults().chunkCount(4)).reduce(0L, Long::sum);
    }

    private static double sum(WorkerPool pool, SharedTable t) {
        return pool.map(t, (v, r) -> v.doubleColumn("x0").sum(r.from(), r.to()), JobOptions.defaults().chunkCount(4))
                .reduce(0.0, Double::sum);
    }
}
