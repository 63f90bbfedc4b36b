package dev.shmkit.job;

import dev.shmkit.ShmkitException;

import dev.shmkit.pool.Compare;
import dev.shmkit.pool.Comparison;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.pool.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableMapIT {
    private static final int ROWS = 200_000;
    private static WorkerPool pool;
    private static Path dir;
    private static SharedTable table;
    private static SharedSpace space;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of("target"),
                "tablemapit");
        double[] x = IntStream.range(0, ROWS).asDoubleStream().toArray();
        int[] n = IntStream.range(0, ROWS).map(i -> i % 7).toArray();
        space = SharedSpace.open(SpaceOptions.directory(dir));
        table = space.publish("t", Table.create("t", DoubleColumn.create("x", x), IntColumn.create("n", n)));
        pool = WorkerPool.start(2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        pool.close();
        table.close();
        space.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double expectedSum() {
        return (double) ROWS * (ROWS - 1) / 2;
    }

    @Test
    void shouldSumSharedTableInRowOrder() {
        JobResult<Double> r = pool.map(table, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()));
        assertEquals(8, r.values().size());
        assertEquals(expectedSum(), r.reduce(0.0, Double::sum));
        double firstChunk = (double) (ROWS / 8) * (ROWS / 8 - 1) / 2;
        assertEquals(firstChunk, r.values().get(0));
        JobReport rep = r.report();
        assertTrue(rep.bytesMapped() >= table.mappedBytes() * 9 / 10, rep.toString());
        assertTrue(rep.bytesCopied() < 10_000, rep.toString());
        assertTrue(rep.tasks().get(0).label().equals("rows [0, 25000)"), rep.toString());
    }

    @Test
    void shouldHonourChunkRowsAndChunkCount() {
        List<Integer> sizes = pool.map(table, (view, range) -> range.size(), JobOptions.defaults().chunkRows(30_000)).values();
        assertEquals(7, sizes.size());
        assertEquals(ROWS, sizes.stream().mapToInt(Integer::intValue).sum());
        List<Long> counts = pool.map(table, (view, range) -> {
            long c = 0;
            for (int i = range.from(); i < range.to(); i++) {
                if (view.intColumn("n").get(i) == 3) {
                    c++;
                }
            }
            return c;
        }, JobOptions.defaults().chunkCount(3)).values();
        assertEquals(3, counts.size());
        assertEquals(IntStream.range(0, ROWS).filter(i -> i % 7 == 3).count(), counts.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void shouldCopyWholeTableWithEveryTaskInCopyMode() throws Exception {
        long fileBytes = Files.size(table.path());
        JobResult<Double> r = pool.map(table, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()),
                JobOptions.defaults().copyTable().chunkCount(4));
        assertEquals(expectedSum(), r.reduce(0.0, Double::sum));
        assertTrue(r.report().bytesCopied() >= 4 * fileBytes, r.report().toString());
        assertEquals(0, r.report().bytesMapped(), r.report().toString());
    }

    @Test
    void shouldMapAnArrowFileOutsideAnySpaceInPlaceAndCopyIt() throws Exception {
        Path file = dir.resolve("foreign.arrow");
        ArrowTableWriter.write(Table.create("f", DoubleColumn.create("x", IntStream.range(0, 1000).asDoubleStream().toArray())), file);
        try (SharedTable foreign = SharedTable.open(file)) {
            for (JobOptions o : List.of(JobOptions.defaults().chunkCount(4), JobOptions.defaults().chunkCount(4).copyTable())) {
                JobResult<Double> r = pool.map(foreign, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()), o);
                assertEquals(999 * 1000 / 2.0, r.reduce(0.0, Double::sum), o.toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().startsWith("t.")).toList(), "nothing left beside the file");
        }
    }

    @Test
    void shouldRefuseSliceInsteadOfReadingWrongRows() {
        dev.shmkit.ShmkitException e = assertThrows(dev.shmkit.ShmkitException.class,
                () -> pool.map(table.slice(1000, 2000), (view, range) -> range.size()));
        assertTrue(e.getMessage().contains("rows=1000 starting at row 1000 (a slice)"), e.getMessage());
        assertEquals(List.of(ROWS), pool.map(table.slice(0, ROWS), (view, range) -> range.size(),
                JobOptions.defaults().chunkCount(1)).values());
    }

    @Test
    void shouldNameRowRangeOfFailedTask() {
        JobFailedException e = assertThrows(JobFailedException.class, () -> pool.map(table, (view, range) -> {
            if (range.from() > 0) {
                throw new ArithmeticException("range " + range);
            }
            return 0;
        }, JobOptions.defaults().chunkCount(2)));
        assertEquals("rows [100000, 200000)", e.task());
        assertEquals("java.lang.ArithmeticException", e.remoteClass());
    }

    @Test
    void shouldCompareCopyProxyAndShareRunsOfTheSameJob() {
        Comparison<Double> c = Compare.run(pool, table, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()),
                JobOptions.defaults().chunkCount(4).name("sum"));
        assertEquals(4, c.copy().report().tasks().size());
        assertEquals(4, c.share().report().tasks().size());
        assertEquals("sum (copy)", c.copy().report().name());
        assertEquals("sum (share)", c.share().report().name());
        assertTrue(c.sameValues(), c.toString());
        assertEquals(expectedSum(), c.share().reduce(0.0, Double::sum), 1e-3);
        long fileBytes = table.path().toFile().length();
        assertTrue(c.copy().report().bytesCopied() >= 4 * fileBytes, c.toString());
        assertTrue(c.share().report().bytesCopied() < fileBytes / 100, c.toString());
        assertTrue(c.bytesRatio() > 100, c.toString());
        String text = c.toString();
        assertTrue(text.contains("wall time") && text.contains("bytes copied") && text.contains("overhead per task"), text);
        assertEquals("sum (proxy)", c.proxy().report().name());
        assertEquals(4, c.proxy().report().proxyRequests(), "one sum request per task: " + c.proxy().report());
        assertTrue(text.contains("proxy requests") && text.contains("bytes moved") && text.contains("per task"), text);
        assertTrue(text.contains("fewer bytes than copying the table to every task; the proxy was "), text);
        assertTrue(text.contains("; all 3 runs returned the same 4 values."), text);
    }

    @Test
    void shouldLeaveFirstRunCostsToADiscardedWarmUpRunAndNameItInTheComparison() {
        double[] y = IntStream.range(0, ROWS).asDoubleStream().toArray();
        try (SharedTable fresh = space.publish("warm", Table.create("warm", DoubleColumn.create("y", y)))) {
            Comparison<Double> c = Compare.run(pool, fresh, (view, range) -> view.doubleColumn("y").sum(range.from(), range.to()),
                    JobOptions.defaults().chunkCount(4).name("warm"));
            JobReport warm = c.warmUp();
            assertEquals(2, warm.tasks().size(), "one warm-up task per worker");
            assertEquals(2, warm.tasks().stream().map(TaskReport::workerId).distinct().count(), warm.toString());
            assertTrue(warm.tasks().stream().allMatch(t -> t.attachNanos() > 0), "each worker mapped the new table: " + warm);
            assertTrue(c.share().report().tasks().stream().allMatch(t -> t.attachNanos() == 0),
                    "the measured share run attached nothing: " + c.share().report());
            assertTrue(c.toString().contains("excluded from every measured run: a warm-up share run of 2 tasks ("), c.toString());
            assertEquals("warm (warm-up)", warm.name());
            assertTrue(c.sameValues(), c.toString());
        } finally {
            space.remove("warm");
        }
    }

    @Test
    void shouldCompareCodeThatRunsItsOwnTableMapInBothModes() {
        RowTask<Double> sum = (view, range) -> view.doubleColumn("x").sum(range.from(), range.to());
        List<String> modesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Comparison<Object> c = Compare.code(pool, () -> {
            JobResult<Double> r = pool.map(table, sum, JobOptions.defaults().chunkCount(3).name("mine"));
            modesSeen.add(r.report().name().substring(r.report().name().lastIndexOf('(')));
            return r.reduce(0.0, Double::sum);  // the code's value need not be the JobResult
        }, null);
        assertEquals(List.of("(warm-up)", "(share)", "(copy)", "(proxy)"), modesSeen,
                "a discarded warm-up run first, then share, copy, proxy");
        assertTrue(c.excluded().startsWith("excluded from every measured run: a warm-up share run of 3 tasks"), c.excluded());
        assertTrue(c.toString().contains(c.excluded()), c.toString());
        assertEquals("mine (share)", c.share().report().name());
        assertEquals(3, c.copy().report().tasks().size(), "the code's own chunking is kept");
        assertTrue(c.sameValues(), c.toString());
        long fileBytes = table.path().toFile().length();
        assertTrue(c.copy().report().bytesCopied() >= 3 * fileBytes, c.toString());
        assertTrue(c.share().report().bytesCopied() < fileBytes / 100, c.toString());
        assertEquals(ROWS, pool.map(table, (view, range) -> range.size()).reduce(0, Integer::sum),
                "after the comparison the pool's maps are not captured any more");
        ShmkitException none = assertThrows(ShmkitException.class, () -> Compare.code(pool, () -> 1, null));
        assertTrue(none.getMessage().startsWith(Compare.NOT_ONE_MAP + "0 table maps"), none.getMessage());
    }

    @Test
    void shouldTellTheListenerStartEachTaskAndEndWithTheReport() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobReport[] ended = new JobReport[1];
        JobListener l = new JobListener() {
            @Override
            public void started(JobProgress p) {
                events.add("start " + p.tasksDone() + "/" + p.tasks());
            }

            @Override
            public void progress(JobProgress p) {
                events.add(p.tasksDone() + "/" + p.tasks());
            }

            @Override
            public void ended(JobProgress p, JobReport report, Throwable failure) {
                events.add("end " + p.tasksDone() + "/" + p.tasks() + (failure == null ? "" : " failed"));
                ended[0] = report;
            }
        };
        JobResult<Integer> r = pool.map(table, (view, range) -> range.size(), JobOptions.defaults().chunkCount(5).progress(l));
        assertEquals(List.of("start 0/5", "1/5", "2/5", "3/5", "4/5", "5/5", "end 5/5"), events);
        assertTrue(ended[0] == r.report(), "the listener sees the caller's report");
    }

    @Test
    void shouldUseThePoolsDefaultListenerAndTellItAboutCancelledJobs() throws Exception {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        pool.defaultListener(new JobListener() {
            @Override
            public void progress(JobProgress p) {
                events.add("task");
            }

            @Override
            public void ended(JobProgress p, JobReport report, Throwable failure) {
                events.add(failure instanceof JobCancelledException ? "cancelled" : "ended");
            }
        });
        try {
            JobFuture<JobResult<Integer>> f = pool.submitMap(table, (view, range) -> {
                Thread.sleep(60_000);
                return 1;
            }, JobOptions.defaults().chunkCount(2));
            Thread.sleep(300);
            f.cancel(true);
            assertThrows(JobCancelledException.class, f::join);
            assertEquals(List.of("cancelled"), events);
            assertEquals(List.of(ROWS), pool.map(table, (view, range) -> range.size(), JobOptions.defaults().chunkCount(1)).values());
            assertEquals(List.of("cancelled", "task", "ended"), events);
        } finally {
            pool.defaultListener(null);
        }
    }
}
