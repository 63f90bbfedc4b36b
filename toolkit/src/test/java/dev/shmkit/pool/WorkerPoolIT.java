package dev.shmkit.pool;

import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.SerializableFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolIT {
    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = WorkerPool.start(2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    @Test
    void shouldMapItemsInOrderWithEveryChunkSize() {
        List<Integer> items = range(1000);
        List<Long> expected = items.stream().map(x -> (long) x * x).collect(Collectors.toList());
        SerializableFunction<Integer, Long> sq = x -> (long) x * x;
        for (int chunk : new int[] {1, 100, 0}) {
            JobResult<Long> r = pool.mapItems(items, sq, JobOptions.defaults().chunkSize(chunk));
            assertEquals(expected, r.values(), "chunk=" + chunk);
            int tasks = chunk == 1 ? 1000 : chunk == 100 ? 10 : 8;
            assertEquals(tasks, r.report().tasks().size(), "chunk=" + chunk);
        }
        assertEquals(items.stream().mapToLong(x -> (long) x * x).sum(),
                pool.mapItems(items, sq).reduce(0L, Long::sum));
    }

    @Test
    void shouldReturnResultsHoldingSmallPrimitiveArrays() {
        // Kryo writes int[]/long[] as varints: small values take one byte each, not 4 or 8.
        JobResult<Map<String, Object>> r = pool.mapItems(List.of(1, 2, 3),
                i -> Map.of("l", new long[] {i, i}, "i", new int[] {i}, "d", new double[] {i / 2.0}));
        assertEquals(3, r.values().size());
        assertArrayEquals(new long[] {3, 3}, (long[]) r.values().get(2).get("l"));
        assertArrayEquals(new int[] {2}, (int[]) r.values().get(1).get("i"));
        assertArrayEquals(new double[] {0.5}, (double[]) r.values().get(0).get("d"));
    }

    @Test
    void shouldReportCostsPerTask() {
        JobResult<Integer> r = pool.mapItems(range(40), x -> x + 1, JobOptions.defaults().chunkSize(10).name("inc"));
        assertEquals(4, r.report().tasks().size());
        assertTrue(r.report().bytesCopied() > 0, r.report().toString());
        assertTrue(r.report().tasks().stream().allMatch(t -> t.workerId() >= 1), r.report().toString());
        assertTrue(r.report().toString().contains("job 'inc'"), r.report().toString());
    }

    @Test
    void shouldRunSubmittedTask() {
        assertEquals("pid-" + 42, pool.submit(() -> "pid-" + 42).join());
        long workerPid = pool.submit(() -> ProcessHandle.current().pid()).join();
        assertTrue(pool.workers().stream().anyMatch(w -> w.pid() == workerPid), pool.workers().toString());
    }

    @Test
    void shouldCarryRemoteExceptionWithItemIndex() {
        JobFailedException e = assertThrows(JobFailedException.class, () -> pool.mapItems(range(10),
                x -> {
                    if (x == 7) {
                        throw new IllegalStateException("bad item " + x);
                    }
                    return x;
                }, JobOptions.defaults().chunkSize(1)));
        assertEquals("java.lang.IllegalStateException", e.remoteClass());
        assertEquals("bad item 7", e.remoteMessage());
        assertEquals("item 7", e.task());
        assertTrue(e.remoteStackTrace().contains("WorkerPoolIT"), e.remoteStackTrace());
        assertEquals(List.of(2, 3), pool.mapItems(List.of(1, 2), x -> x + 1).values());
    }

    @Test
    void shouldForwardWorkerOutputWithPrefix() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            pool.submit(() -> {
                System.out.println("hello-from-worker");
                return 0;
            }).join();
            long end = System.currentTimeMillis() + 5000;
            while (!captured.toString(StandardCharsets.UTF_8).matches("(?s).*\\[w\\d+\\] hello-from-worker.*")
                    && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).matches("(?s).*\\[w\\d+\\] hello-from-worker.*"),
                captured.toString(StandardCharsets.UTF_8));
    }
}
