package dev.shmkit.job;

import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.SharedTable;
import dev.shmkit.worker.WorkerPool;
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

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of("target"),
                "tablemapit");
        double[] x = IntStream.range(0, ROWS).asDoubleStream().toArray();
        int[] n = IntStream.range(0, ROWS).map(i -> i % 7).toArray();
        Path file = dir.resolve("t.arrow");
        ArrowTableWriter.write(Table.create("t", DoubleColumn.create("x", x), IntColumn.create("n", n)), file);
        table = SharedTable.open(file);
        pool = WorkerPool.start(2);
    }

    @AfterAll
    static void tearDown() throws Exception {
        pool.close();
        table.close();
        Files.deleteIfExists(dir.resolve("t.arrow"));
        Files.deleteIfExists(dir);
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
    void shouldRefuseSliceInsteadOfReadingWrongRows() {
        dev.shmkit.ShmkitException e = assertThrows(dev.shmkit.ShmkitException.class,
                () -> pool.map(table.slice(1000, 2000), (view, range) -> range.size()));
        assertTrue(e.getMessage().contains("rows=1000 of 200000 (a slice?)"), e.getMessage());
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
}
