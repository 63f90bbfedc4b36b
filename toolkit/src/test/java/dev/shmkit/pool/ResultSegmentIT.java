package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.ResultSegment;
import dev.shmkit.job.TaskReport;
import dev.shmkit.object.ArrayInfo;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Big task results through result segments, with real workers: the pool's base directory is the
 * test's own directory ({@code -Dshmkit.dir} set around each test), so its {@code .pools/<pool>/results/}
 * is listed directly and the extension fails the test if a file or mapping under it is left.
 */
@ExtendWith(SpaceDirExtension.class)
class ResultSegmentIT {
    /** 50 MiB of doubles: the "50 MB double[] result". */
    private static final int FIFTY_MB_DOUBLES = 50 * (1 << 20) / 8;

    private String savedDir;

    @BeforeEach
    void saveDir() {
        savedDir = System.getProperty(SpaceOptions.DIR_PROPERTY);
    }

    @AfterEach
    void restoreDir() {
        if (savedDir == null) {
            System.clearProperty(SpaceOptions.DIR_PROPERTY);
        } else {
            System.setProperty(SpaceOptions.DIR_PROPERTY, savedDir);
        }
    }

    private static WorkerPool pool(Path dir, int workers) {
        System.setProperty(SpaceOptions.DIR_PROPERTY, dir.toString());
        return WorkerPool.start(workers);
    }

    /** Every file under the pool directories' results/ sub-directories, as the file system lists them. */
    private static List<Path> resultFiles(Path dir) throws IOException {
        Path pools = dir.resolve(".pools");
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(pools)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(pools)) {
            s.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().equals("results"))
                    .forEach(out::add);
        }
        return out;
    }

    private static double[] fifty(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.5;
        }
        return a;
    }

    @Test
    @Timeout(180)
    void shouldReturnA50MbDoubleArrayThroughAMappedResultSegment(Path dir) throws Exception {
        try (WorkerPool pool = pool(dir, 1)) {
            JobResult<double[]> r = pool.mapItems(List.of(FIFTY_MB_DOUBLES), ResultSegmentIT::fifty,
                    JobOptions.defaults().name("big"));
            double[] a = r.values().get(0);
            assertEquals(FIFTY_MB_DOUBLES, a.length);
            assertEquals(0.0, a[0]);
            assertEquals(12345 * 0.5, a[12345]);
            assertEquals((FIFTY_MB_DOUBLES - 1) * 0.5, a[FIFTY_MB_DOUBLES - 1]);

            TaskReport t = r.report().tasks().get(0);
            long arrayBytes = 8L * FIFTY_MB_DOUBLES;
            assertTrue(t.resultViaSegment(), t.toString());
            assertTrue(t.resultSegmentBytes() >= arrayBytes, "segment bytes=" + t.resultSegmentBytes());
            assertTrue(t.bytesMapped() >= arrayBytes, "counted as mapped: " + t.bytesMapped());
            assertTrue(t.bytesCopied() < (1 << 20), "not counted as copied: " + t.bytesCopied());
            assertTrue(t.resultBytes() < 1024, "only a name crossed the socket: " + t.resultBytes());
            assertEquals(t.resultSegmentBytes(), r.report().resultSegmentBytes());
            assertTrue(r.report().summary().contains("segment=52.4 MB (mapped)"), r.report().summary());
            assertTrue(r.report().toString().contains("segment"), r.report().toString());

            // The operating system's view while the result is held: one file, mapped by this process.
            List<Path> files = resultFiles(dir);
            assertEquals(1, files.size(), files.toString());
            Path file = files.get(0);
            assertEquals(t.resultSegmentBytes(), Files.size(file));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertTrue(file.getFileName().toString().contains("." + ProcessHandle.current().pid() + "."),
                    "adopted by the parent: " + file);
            assertTrue(ProcResources.mapsUnder(ProcResources.self(), dir).stream().anyMatch(l -> l.contains(file.toString())),
                    "mapped in /proc/self/maps: " + ProcResources.mapsUnder(ProcResources.self(), dir));

            // The same bytes read in place, without a copy.
            ResultSegment seg = r.resultSegment(0);
            assertNotNull(seg);
            ArrayInfo info = seg.objectSegment().arrays().get(0);
            assertEquals(FIFTY_MB_DOUBLES, info.length());
            assertEquals(777 * 0.5, seg.objectSegment().doubles(info.path()).get(777));

            r.close();
            r.close(); // idempotent
            assertTrue(seg.isClosed());
            assertEquals(List.of(), resultFiles(dir), "the file is gone after close");
            assertEquals(List.of(), ProcResources.mapsUnder(ProcResources.self(), dir), "and unmapped");
            assertEquals(12345 * 0.5, a[12345], "the heap value stays valid");
        }
    }

    @Test
    @Timeout(120)
    void shouldKeepSmallResultsInline(Path dir) throws Exception {
        try (WorkerPool pool = pool(dir, 2)) {
            JobResult<Integer> r = pool.mapItems(IntStream.range(0, 40).boxed().toList(), x -> x * x,
                    JobOptions.defaults().chunkSize(5));
            assertEquals(IntStream.range(0, 40).map(x -> x * x).boxed().toList(), r.values());
            for (TaskReport t : r.report().tasks()) {
                assertFalse(t.resultViaSegment(), t.toString());
                assertEquals(0, t.resultSegmentBytes());
                assertTrue(t.resultBytes() > 0, t.toString());
                assertNull(r.resultSegment(t.index()));
            }
            assertEquals(0, r.report().resultSegmentBytes());
            assertFalse(r.report().summary().contains("segment="), r.report().summary());
            assertEquals(List.of(), resultFiles(dir));
            r.close();
        }
    }

    @Test
    @Timeout(180)
    void shouldUseTheSocketWhenResultSegmentsAreOff(Path dir) throws Exception {
        try (WorkerPool pool = pool(dir, 1)) {
            JobResult<double[]> r = pool.mapItems(List.of(FIFTY_MB_DOUBLES), ResultSegmentIT::fifty,
                    JobOptions.defaults().resultSegmentThreshold(JobOptions.NO_RESULT_SEGMENTS));
            assertEquals((FIFTY_MB_DOUBLES - 1) * 0.5, r.values().get(0)[FIFTY_MB_DOUBLES - 1]);
            TaskReport t = r.report().tasks().get(0);
            assertFalse(t.resultViaSegment(), t.toString());
            assertTrue(t.resultBytes() >= 8L * FIFTY_MB_DOUBLES, "the whole array crossed the socket: " + t.resultBytes());
            assertTrue(t.bytesMapped() < (1 << 20), "nothing mapped: " + t.bytesMapped());
            assertEquals(List.of(), resultFiles(dir));
            assertNull(r.resultSegment(0));
            r.close();
        }
    }

    private static SharedTable publishNumbers(SharedSpace space, int rows) {
        int[] x = IntStream.range(0, rows).toArray();
        return space.publish("numbers", Table.create("numbers", IntColumn.create("x", x)));
    }

    @Test
    @Timeout(180)
    void shouldConcatenateTableResultsOfFourTasksInRowOrder(Path dir) throws Exception {
        Path spaceDir = dir.resolve("space");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
             WorkerPool pool = pool(dir, 2);
             SharedTable t = publishNumbers(space, 1000)) {
            for (long threshold : new long[] {JobOptions.DEFAULT_RESULT_SEGMENT_BYTES, 1}) {
                JobResult<Table> r = pool.map(t, (view, rows) -> {
                    double[] sq = new double[(int) (rows.to() - rows.from())];
                    int[] xs = new int[sq.length];
                    for (int i = 0; i < sq.length; i++) {
                        xs[i] = (int) rows.from() + i;
                        sq[i] = (double) xs[i] * xs[i];
                    }
                    return Table.create("part", IntColumn.create("x", xs), DoubleColumn.create("sq", sq));
                }, JobOptions.defaults().chunkCount(4).resultSegmentThreshold(threshold));
                assertEquals(4, r.values().size());
                boolean viaSegment = threshold == 1;
                for (TaskReport tr : r.report().tasks()) {
                    assertEquals(viaSegment, tr.resultViaSegment(), "threshold=" + threshold + ": " + tr);
                }
                assertEquals(viaSegment ? 4 : 0, resultFiles(dir).size(), "threshold=" + threshold);
                if (viaSegment) {
                    assertEquals(250, r.resultSegment(1).table().rowCount(), "the Arrow result read in place");
                    for (Path f : resultFiles(dir)) {
                        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(f), f.toString());
                    }
                }
                Table all = r.toTable();
                assertEquals(1000, all.rowCount());
                assertEquals(List.of("x", "sq"), all.columnNames());
                for (int i = 0; i < 1000; i++) {
                    assertEquals(i, all.intColumn("x").getInt(i));
                    assertEquals((double) i * i, all.doubleColumn("sq").getDouble(i));
                }
                r.close();
                assertEquals(List.of(), resultFiles(dir));
            }
        }
    }

    @Test
    @Timeout(120)
    void shouldNameTheTaskAndColumnWhenTableSchemasDiffer(Path dir) throws Exception {
        Path spaceDir = dir.resolve("space");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
             WorkerPool pool = pool(dir, 2);
             SharedTable t = publishNumbers(space, 400)) {
            JobResult<Table> r = pool.map(t, (view, rows) -> rows.from() == 200
                    ? Table.create("p", DoubleColumn.create("x", new double[] {1}))
                    : Table.create("p", IntColumn.create("x", new int[] {1})), JobOptions.defaults().chunkCount(4));
            ShmkitException e = assertThrows(ShmkitException.class, r::toTable);
            assertTrue(e.getMessage().contains("task=2") && e.getMessage().contains("'x'")
                    && e.getMessage().contains("DOUBLE"), e.getMessage());
            r.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldRetryAWorkerKilledWhileWritingItsResultAndLeaveNoFile(Path dir) throws Exception {
        try (WorkerPool pool = pool(dir, 1)) {
            long firstPid = pool.workers().get(0).pid();
            AtomicLong killedAt = new AtomicLong(-1);
            Thread killer = new Thread(() -> {
                long end = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < end && killedAt.get() < 0) {
                    try {
                        for (Path p : resultFiles(dir)) {
                            if (p.getFileName().toString().contains("." + firstPid + ".")) {
                                // the worker owns a result file it has not replied about: kill it now
                                ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly);
                                killedAt.set(System.nanoTime());
                                return;
                            }
                        }
                    } catch (IOException | java.io.UncheckedIOException ignored) {
                        // a file vanished while listing: look again
                    }
                    Thread.onSpinWait();
                }
            }, "killer");
            killer.start();
            JobResult<double[]> r = pool.mapItems(List.of(FIFTY_MB_DOUBLES * 2), ResultSegmentIT::fifty,
                    JobOptions.defaults().retries(1));
            killer.join();
            assertTrue(killedAt.get() > 0, "the killer saw the first worker's result file");
            TaskReport t = r.report().tasks().get(0);
            assertEquals(2, t.attempts(), "retried after the kill: " + t);
            assertTrue(t.resultViaSegment());
            assertEquals((FIFTY_MB_DOUBLES * 2 - 1) * 0.5, r.values().get(0)[FIFTY_MB_DOUBLES * 2 - 1]);
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            List<Path> files = resultFiles(dir);
            assertEquals(1, files.size(), "only the retry's file, held by the result: " + files);
            assertFalse(files.get(0).getFileName().toString().contains("." + firstPid + "."),
                    "the killed worker's file was removed: " + files);
            r.close();
            assertEquals(List.of(), resultFiles(dir), "no orphan after the job");
        }
    }

    @Test
    @Timeout(180)
    void shouldRemoveASubmittedTasksResultSegmentOnceItsValueIsRead(Path dir) throws Exception {
        try (WorkerPool pool = pool(dir, 1)) {
            int n = FIFTY_MB_DOUBLES / 10;
            double[] a = pool.submit(() -> fifty(n)).join();
            assertEquals((n - 1) * 0.5, a[n - 1]);
            assertEquals(List.of(), resultFiles(dir), "submit() keeps only the heap value");
            assertEquals(List.of(), ProcResources.mapsUnder(ProcResources.self(), dir));
        }
    }

    @Test
    @Timeout(180)
    void shouldRemoveHeldResultFilesWhenThePoolCloses(Path dir) throws Exception {
        JobResult<double[]> r;
        try (WorkerPool pool = pool(dir, 1)) {
            r = pool.mapItems(List.of(FIFTY_MB_DOUBLES / 10), ResultSegmentIT::fifty,
                    JobOptions.defaults().resultSegmentThreshold(1 << 20));
            assertEquals(1, resultFiles(dir).size());
        }
        assertEquals(List.of(), resultFiles(dir), "the pool's close removed its results directory");
        assertEquals(7 * 0.5, r.resultSegment(0).objectSegment().doubles(
                r.resultSegment(0).objectSegment().arrays().get(0).path()).get(7), "a held mapping stays readable");
        r.close();
    }
}
