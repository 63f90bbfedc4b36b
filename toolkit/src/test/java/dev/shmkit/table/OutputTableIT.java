package dev.shmkit.table;

import dev.shmkit.job.JobCancelledException;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.pool.WorkerInfo;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Output tables written in place by real worker JVMs (issue 11): 10,000,000 rows by 2 workers, sealed and
 * read back by shmkit and by pyarrow; a worker killed mid-write (its task retried into the same rows, no
 * partial version visible); a cancelled and a failed job (nothing published, the draft file gone). What
 * is visible and mapped is read from the directory and from the workers' {@code /proc/PID/maps}.
 */
@ExtendWith(SpaceDirExtension.class)
class OutputTableIT {
    private static final int ROWS = 10_000_000;
    /** Scripts and markers, outside the space directory (whose leftovers the extension checks). */
    @TempDir
    Path aside;

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.equals(".lock") && !n.startsWith(".pools")).sorted().toList();
        }
    }

    /** Lines of the workers' maps that map a file of output {@code name} (draft or sealed). */
    private static List<String> outputMaps(WorkerPool pool, Path dir, String name) {
        return pool.workers().stream().map(WorkerInfo::pid)
                .flatMap(pid -> ProcResources.mapsUnder(pid, dir).stream())
                .filter(l -> l.contains("/" + name + ".v")).toList();
    }

    private static Table xs(int rows) {
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i;
        }
        return Table.create("in", DoubleColumn.create("x", x));
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldWriteTenMillionRowsWithTwoWorkersThenSealForShmkitAndPyarrow(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable in = space.publish("in", xs(ROWS));
            OutputTable out = space.createTable("out", OutputSchema.create().doubleColumn("y").longColumn("w"), ROWS);
            assertTrue(space.entry("out").isEmpty(), "nothing visible before the job");
            JobResult<SegmentId> r = pool.map(in, out, (view, rows, o) -> {
                DoubleColumnView x = view.doubleColumn("x");
                OutputColumn y = o.column("y");
                OutputColumn w = o.column("w");
                long pid = ProcessHandle.current().pid();
                for (int i = rows.from(); i < rows.to(); i++) {
                    y.setDouble(i, 2 * x.get(i) + 1);
                    w.setLong(i, pid);
                }
            }, JobOptions.defaults().chunkCount(2));
            SegmentId id = r.values().get(0);
            assertEquals("out.v1", id.toString());
            assertTrue(out.isSealed());
            assertEquals(List.of(), outputMaps(pool, dir, "out"), "workers unmapped the output when the job ended");
            try (SharedTable t = space.table("out")) {
                assertEquals(ROWS, t.rowCount());
                DoubleColumnView y = t.doubleColumn("y");
                for (int i = 0; i < ROWS; i++) {
                    if (y.get(i) != 2.0 * i + 1) {
                        fail("row " + i + ": y=" + y.get(i) + " != " + (2.0 * i + 1));
                    }
                }
                LongColumnView w = t.longColumn("w");
                Set<Long> writers = new HashSet<>();
                for (int i = 0; i < ROWS; i += 1000) {
                    writers.add(w.get(i));
                }
                Set<Long> workers = new HashSet<>(pool.workers().stream().map(WorkerInfo::pid).toList());
                assertEquals(workers, writers, "both workers wrote rows");
            }
            Path sealed = space.entry("out").orElseThrow().path();
            List<String> py = Python.run("read_output.py", aside, sealed.toString());
            assertEquals(List.of(Integer.toString(ROWS), "double int64", "100000000000000.0", "19999999.0", "2", "0"),
                    py.subList(0, 6), "pyarrow reads the sealed file: rows, types, exact sum, last value, writers, nulls");
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldRetryAKilledWorkersTaskIntoTheSameRowsWithNoPartialVersion(Path dir) throws Exception {
        int rows = 1_000_000;
        String marker = aside.resolve("killed-once").toString();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            OutputTable out = space.createTable("out", OutputSchema.create().longColumn("v"), rows);
            JobFuture<JobResult<SegmentId>> f = pool.submitMap(space.publish("in", xs(rows)), out, (view, rr, o) -> {
                OutputColumn v = o.column("v");
                if (rr.from() == 0 && !Files.exists(Path.of(marker))) {
                    for (int i = rr.from(); i < rr.from() + rr.size() / 2; i++) {
                        v.setLong(i, -1); // half written, wrong, then the worker dies
                    }
                    Files.createFile(Path.of(marker));
                    Runtime.getRuntime().halt(137);
                }
                for (int i = rr.from(); i < rr.to(); i++) {
                    v.setLong(i, 3L * i);
                }
            }, JobOptions.defaults().chunkCount(4));
            // A version may show between the seal and the future completing (a run here saw one): whatever showed
            // while the job ran must be the version it returns, never a partial one
            Set<SegmentId> seen = new HashSet<>();
            while (!f.isDone()) {
                space.entry("out").ifPresent(e -> seen.add(e.id()));
                Thread.sleep(20);
            }
            SegmentId id = f.join().values().get(0);
            assertTrue(Set.of(id).containsAll(seen), "only the sealed version showed while the job ran: " + seen + ", sealed " + id);
            assertTrue(Files.exists(Path.of(marker)), "a worker was killed mid-write");
            assertEquals(id, space.entry("out").orElseThrow().id());
            try (SharedTable t = space.table("out")) {
                LongColumnView v = t.longColumn("v");
                for (int i = 0; i < rows; i++) {
                    if (v.get(i) != 3L * i) {
                        fail("row " + i + ": v=" + v.get(i) + " != " + 3L * i + " (the retry rewrote its rows)");
                    }
                }
            }
            assertEquals(List.of(), outputMaps(pool, dir, "out"));
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldPublishNothingAndRemoveTheDraftWhenCancelledOrFailed(Path dir) throws Exception {
        String started = aside.resolve("started").toString();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            OutputTable out = space.createTable("out", OutputSchema.create().doubleColumn("y"), 1_000_000);
            String draft = out.id().name() + ".v" + out.id().version() + ".p" + ProcessHandle.current().pid() + ".arrow";
            assertEquals(List.of(".tmp/" + draft), files(dir));
            JobFuture<JobResult<SegmentId>> f = pool.submitMap(space.publish("in", xs(1_000_000)), out, (view, rr, o) -> {
                o.column("y").setDouble(rr.from(), 1.0);
                try {
                    Files.createFile(Path.of(started));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another task started first
                }
                Thread.sleep(120_000);
            }, JobOptions.defaults().chunkCount(2));
            long t0 = System.nanoTime();
            while (!Files.exists(Path.of(started))) {
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120), "no task started in 120 s");
                Thread.sleep(10);
            }
            f.cancel(true);
            assertThrows(JobCancelledException.class, f::join);
            assertTrue(out.isAborted());
            assertTrue(space.entry("out").isEmpty(), "nothing published");
            assertEquals(List.of(), files(dir).stream().filter(n -> n.contains("out.")).toList(), "the draft file is gone");
            assertEquals(List.of(), outputMaps(pool, dir, "out"), "workers unmapped the draft");

            OutputTable again = space.createTable("out", OutputSchema.create().doubleColumn("y"), 1000);
            assertThrows(JobFailedException.class, () -> pool.map(again, (rr, o) -> {
                o.column("y").setDouble(rr.from(), 2.0);
                if (rr.from() > 0) {
                    throw new IllegalStateException("task over " + rr + " fails");
                }
            }, JobOptions.defaults().chunkCount(2)));
            assertTrue(again.isAborted());
            assertTrue(space.entry("out").isEmpty(), "a failed job publishes nothing");
            assertEquals(List.of(), files(dir).stream().filter(n -> n.contains("out.")).toList());

            OutputTable filled = space.createTable("out", OutputSchema.create().intColumn("i"), 1000);
            SegmentId id = pool.map(filled, (rr, o) -> {
                for (int i = rr.from(); i < rr.to(); i++) {
                    o.column("i").setInt(i, -i);
                }
            }, JobOptions.defaults().chunkCount(3)).values().get(0);
            assertEquals(id, space.entry("out").orElseThrow().id(), "an output-only job publishes when it succeeds");
            try (SharedTable t = space.table("out")) {
                assertEquals(-999, t.intColumn("i").get(999));
                assertEquals(-499_500.0, t.intColumn("i").sum());
            }
        }
    }
}
