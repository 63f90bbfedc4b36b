package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.WritableSegment;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool over segments with an identity (issue 8, "Done means"): a job opens nothing in the parent,
 * workers keep at most two versions of a name however often it is republished, a job runs on the version
 * its caller holds while other processes republish, and workers write a writable segment in place.
 * Resources are read from {@code /proc/PID/maps} of the workers, not from counters the code keeps.
 */
@ExtendWith(SpaceDirExtension.class)
class SegmentIdentityPoolIT {
    private static final SerializableFunction<Integer, Integer> NOOP = x -> x;

    private static Table constant(int rows, double value) {
        double[] x = new double[rows];
        Arrays.fill(x, value);
        return Table.create("t", DoubleColumn.create("x", x));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldOpenNothingInTheParentForAJobOverAPublishedTable(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("big", constant(100_000, 1.0));
            long before = Mapping.mapsCreated();
            for (JobOptions o : List.of(JobOptions.defaults(), JobOptions.defaults().copyTable().chunkCount(2))) {
                JobResult<Double> r = pool.map(t, (view, rows) -> view.doubleColumn("x").sum(rows.from(), rows.to()), o);
                assertEquals(100_000.0, r.reduce(0.0, Double::sum));
            }
            assertEquals(before, Mapping.mapsCreated(), "a job over a published table maps nothing new in the parent");
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldKeepEachWorkerAtTwoVersionsOver200RepublishesWithAJobAfterEach(Path dir) throws Exception {
        int rows = 6_250_000; // 50 MB
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            List<Long> workers = pool.workers().stream().map(WorkerInfo::pid).toList();
            long fdsBefore = ProcResources.fdCount(ProcResources.self());
            long usableBefore = ProcResources.usableBytes(dir);
            int maxPerWorker = 0;
            for (int i = 1; i <= 200; i++) {
                try (SharedTable t = space.publish("big", constant(rows, i))) {
                    double expected = (double) rows * i;
                    JobResult<Double> r = pool.map(t, (view, rr) -> view.doubleColumn("x").sum(rr.from(), rr.to()),
                            JobOptions.defaults().chunkCount(4));
                    assertEquals(expected, r.reduce(0.0, Double::sum), "job " + i + " read version " + t.id());
                }
                for (long w : workers) {
                    int versions = ProcResources.mappedFilesUnder(w, dir).size();
                    maxPerWorker = Math.max(maxPerWorker, versions);
                    assertTrue(versions <= 2, "worker pid=" + w + " maps " + versions + " versions after republish " + i
                            + ": " + ProcResources.mappedFilesUnder(w, dir));
                }
                assertEquals(1, segmentFiles(dir).size(), "the space directory holds one version: " + segmentFiles(dir));
            }
            long fdsAfter = ProcResources.fdCount(ProcResources.self());
            long usableAfter = ProcResources.usableBytes(dir);
            System.err.printf("[SegmentIdentityPoolIT] 200 republishes of 50 MB with a job after each: max versions mapped"
                    + " per worker=%d, parent fds %d -> %d, device usable %+.1f MB%n", maxPerWorker, fdsBefore, fdsAfter,
                    (usableAfter - usableBefore) / 1e6);
            assertTrue(fdsAfter <= fdsBefore + 4, "parent fds " + fdsBefore + " -> " + fdsAfter);
            // One 50 MB version is current; anything beyond it (plus noise from other users of /dev/shm) is a leak.
            assertTrue(usableBefore - usableAfter < 120L << 20, "device lost " + (usableBefore - usableAfter) + " bytes");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunEveryJobOnTheVersionItsCallerHoldsWhileTwoProcessesRepublish(Path dir) throws Exception {
        int rows = 200_000;
        List<ChildJvm> publishers = new ArrayList<>();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            space.publish("big", constant(rows, 0.5)).close();
            for (int p = 1; p <= 2; p++) {
                publishers.add(ChildJvm.start(Republisher.class, dir.toString(), Integer.toString(rows), Integer.toString(p)));
            }
            for (ChildJvm c : publishers) {
                c.expect("publishing", 60);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int jobs = 0;
            List<String> failures = new ArrayList<>();
            while (System.nanoTime() < end) {
                try (SharedTable t = space.table("big")) {
                    double value = t.doubleColumn("x").get(0); // what this version holds, read in the parent
                    JobResult<Double> r = pool.map(t, (view, rr) -> view.doubleColumn("x").sum(rr.from(), rr.to()),
                            JobOptions.defaults().chunkCount(4));
                    double sum = r.reduce(0.0, Double::sum);
                    if (sum != rows * value) {
                        failures.add("job " + jobs + " on " + t.id() + ": sum=" + sum + " != " + rows * value);
                    }
                } catch (RuntimeException e) {
                    failures.add("job " + jobs + ": " + e);
                }
                jobs++;
            }
            List<Long> counts = new ArrayList<>();
            for (ChildJvm c : publishers) {
                c.send("stop");
                counts.add(Long.parseLong(c.expect("published ", 60).substring("published ".length())));
                assertEquals(0, c.waitFor(60));
            }
            System.err.println("[SegmentIdentityPoolIT] 30 s: jobs=" + jobs + " republishes=" + counts + " failures=" + failures.size());
            assertTrue(jobs > 10 && counts.stream().allMatch(n -> n > 10), "jobs=" + jobs + " republishes=" + counts);
            assertEquals(List.of(), failures);
        } finally {
            for (ChildJvm c : publishers) {
                c.kill();
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldLetTwoWorkersFillAWritableSegmentThatAThirdProcessReadsOnceSealed(Path dir) {
        int n = 1_000_000;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2);
             WritableSegment out = space.store().create("squares", SegmentKind.ARRAY, 8L * n)) {
            SegmentId draft = out.id();
            JobResult<Long> r = pool.mapItems(List.of(0, 1), half -> {
                long pid = ProcessHandle.current().pid();
                try (Mapping m = LocalSegmentSource.get().map(draft)) {
                    for (long i = half * (n / 2L); i < (half + 1) * (n / 2L); i++) {
                        m.writeLong(i * 8, i * i);
                    }
                }
                return pid;
            }, JobOptions.defaults().chunkSize(1));
            assertEquals(2, r.values().stream().distinct().count(), "both halves were written by different workers: " + r.values());
            SegmentId sealed = out.seal();
            try (Mapping m = LocalSegmentSource.get().map(sealed)) {
                assertEquals(8L * n, m.length());
                for (long i = 0; i < n; i += 997) {
                    assertEquals(i * i, m.readLong(i * 8), "value " + i);
                }
                assertEquals((long) (n - 1) * (n - 1), m.readLong(8L * (n - 1)));
            }
            space.remove("squares");
        }
    }

    private static List<Path> segmentFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".arrow")).toList();
        }
    }

    /** A second process republishing {@code big} until told to stop: {@code dir rows publisherNumber}. */
    public static final class Republisher {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int rows = Integer.parseInt(args[1]);
            int who = Integer.parseInt(args[2]);
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                } catch (java.io.IOException ignored) {
                    // parent gone: stop as well
                }
                stop.set(true);
            });
            reader.setDaemon(true);
            reader.start();
            long n = 0;
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
                System.out.println("publishing");
                System.out.flush();
                while (!stop.get()) {
                    n++;
                    space.publish("big", constant(rows, who * 1000 + n % 1000)).close();
                }
            }
            System.out.println("published " + n);
            System.out.flush();
        }
    }
}
