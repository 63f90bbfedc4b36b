package dev.shmkit.pool;

import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.TaskReport;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.ColumnReads;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.proxy.ProxyServer;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proxy mode with real worker JVMs: the task's reads are requests to this process over each worker's
 * control channel. Same values as share and copy mode for double, long, int and string columns; request
 * counts as the task's reads imply; a table closed or removed mid-job fails the job with the reason;
 * nothing of the proxy is left after the job (the parent serves nothing, no worker maps the table).
 */
@ExtendWith(SpaceDirExtension.class)
class ProxyModeIT {
    private static final int ROWS = 400_000;

    private static Table table() {
        double[] x = IntStream.range(0, ROWS).mapToDouble(i -> i % 1000 == 7 ? Double.NaN : i * 0.25).toArray();
        long[] l = IntStream.range(0, ROWS).mapToLong(i -> (long) i * 3_000_017L).toArray();
        IntColumn n = IntColumn.create("n", IntStream.range(0, ROWS).map(i -> i % 101 - 50).toArray());
        n.setMissing(11);
        StringColumn s = StringColumn.create("s", IntStream.range(0, ROWS).mapToObj(i -> "key-" + (i % 17)).toList());
        s.setMissing(2);
        return Table.create("t", DoubleColumn.create("x", x), LongColumn.create("l", l), n, s);
    }

    /** Reads every proxied type through get, sum/min/max, forEach, countMissing and a copy. */
    private static final RowTask<String> READ_ALL = (view, r) -> {
        int a = r.from();
        int b = r.to();
        long evens = 0;
        long[] count = {0};
        view.longColumn("l").forEach(a, b, v -> count[0] += (v & 1) == 0 ? 1 : 0);
        evens += count[0];
        Table copy = view.copyToTable(a, Math.min(b, a + 50));
        return view.doubleColumn("x").sum(a, b) + "|" + view.longColumn("l").max(a, b) + "|" + view.intColumn("n").min(a, b)
                + "|" + view.intColumn("n").sum(a, b) + "|" + view.doubleColumn("x").get(a) + "|" + view.longColumn("l").get(b - 1)
                + "|" + view.intColumn("n").get(a) + "|" + view.stringColumn("s").get(a) + view.stringColumn("s").get(b - 1)
                + "|" + evens + "|" + view.doubleColumn("x").countMissing() + "|" + copy.stringColumn("s").asList()
                + "|" + copy.intColumn("n").asList();
    };

    @Test
    @Timeout(300)
    void shouldReturnTheSameValuesAsShareAndCopyForDoubleLongIntAndString(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table());
            JobOptions o = JobOptions.defaults().chunkCount(6);
            List<String> share = pool.map(t, READ_ALL, o).values();
            List<String> copy = pool.map(t, READ_ALL, o.copyTable()).values();
            JobResult<String> proxy = pool.map(t, READ_ALL, o.proxy());
            assertEquals(share, proxy.values());
            assertEquals(copy, proxy.values());
            assertTrue(share.get(0).contains("key-0"), share.get(0));
            JobReport rep = proxy.report();
            assertTrue(rep.proxyRequests() > 0 && rep.proxyBytes() > 8L * ROWS, rep.toString());
            assertEquals(0, rep.bytesMapped(), "a proxy task maps nothing: " + rep);
            assertTrue(rep.summary().contains("proxy: requests="), rep.summary());
            assertTrue(rep.toString().contains("proxy reads per task"), rep.toString());
            t.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldSendAsManyRequestsAsTheTasksReadsImply(Path dir) {
        int gets = 20;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table());
            // gets single reads, one sum over the task's rows, one forEach over its rows.
            RowTask<Double> task = (view, r) -> {
                double s = 0;
                for (int i = 0; i < gets; i++) {
                    s += view.longColumn("l").get(r.from() + i);
                }
                s += view.doubleColumn("x").sum(r.from(), r.to());
                double[] f = {0};
                view.intColumn("n").forEach(r.from(), r.to(), v -> f[0] += v);
                return s + f[0];
            };
            JobResult<Double> proxy = pool.map(t, task, JobOptions.defaults().chunkCount(2).proxy());
            JobResult<Double> share = pool.map(t, task, JobOptions.defaults().chunkCount(2));
            assertEquals(share.values(), proxy.values());
            for (TaskReport tr : proxy.report().tasks()) {
                int rows = ROWS / 2;
                long batches = (rows + ColumnReads.BATCH_ROWS - 1) / ColumnReads.BATCH_ROWS;
                assertEquals(gets + 1 + batches, tr.proxyRequests(), "task " + tr.label() + ": " + gets + " gets + 1 sum + "
                        + batches + " forEach batches\n" + proxy.report());
                assertTrue(tr.proxyBytes() >= 4L * rows, "the forEach moved every int: " + tr.proxyBytes());
                assertTrue(tr.proxyWaitNanos() > 0 && tr.proxyWaitNanos() <= tr.runNanos(),
                        "waiting is part of the run: " + tr);
            }
            assertEquals(0, share.report().proxyRequests(), "share mode sends no proxy request");
            t.close();
        }
    }

    /** A task that keeps reading single rows for up to a minute: the job is still running when the test pulls the table. */
    private static final RowTask<Double> KEEPS_READING = (view, r) -> {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double s = 0;
        while (System.nanoTime() < end) {
            s += view.doubleColumn("x").get(r.from());
            Thread.sleep(5);
        }
        return s;
    };

    @Test
    @Timeout(300)
    void shouldFailWithTheReasonWhenTheParentsTableIsClosedMidJob(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table());
            JobFuture<JobResult<Double>> f = pool.submitMap(t, KEEPS_READING, JobOptions.defaults().chunkCount(2).proxy().name("closing"));
            Thread.sleep(3_000);
            assertTrue(!f.isDone(), "the job still runs");
            t.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(120, TimeUnit.SECONDS));
            JobFailedException j = assertInstanceOf(JobFailedException.class, e.getCause());
            assertTrue(j.getMessage().contains("was closed while proxy job 'closing' ran")
                    && j.getMessage().contains("keep the table open until the job ends"), j.getMessage());
            awaitNothingServed();
        }
    }

    @Test
    @Timeout(300)
    void shouldFailWithTheReasonWhenTheTableIsRemovedMidJob(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table());
            JobFuture<JobResult<Double>> f = pool.submitMap(t, KEEPS_READING, JobOptions.defaults().chunkCount(2).proxy().name("removing"));
            Thread.sleep(3_000);
            assertTrue(!f.isDone(), "the job still runs");
            space.remove("t");
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(120, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("was removed from space"), e.getCause().getMessage());
            awaitNothingServed();
            t.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldLeaveNoProxyStateAfterTheJob(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable t = space.publish("t", table());
            int before = ProxyServer.process().registered();
            JobResult<Double> r = pool.map(t, (view, range) -> view.doubleColumn("x").sum(range.from(), range.to()),
                    JobOptions.defaults().chunkCount(4).proxy());
            assertEquals(4, r.report().proxyRequests(), "one sum request per task");
            awaitNothingServed();
            assertEquals(0, before);
            for (WorkerInfo w : pool.workers()) {
                assertEquals(List.of(), ProcResources.mapsUnder(w.pid(), dir), "worker pid=" + w.pid()
                        + " maps nothing of the space in proxy mode");
                assertEquals(List.of(), ProcResources.fdsUnder(w.pid(), dir), "worker pid=" + w.pid() + " holds no file of the space");
            }
            // A cancelled proxy job is no longer served either.
            JobFuture<JobResult<Double>> f = pool.submitMap(t, KEEPS_READING, JobOptions.defaults().chunkCount(2).proxy());
            Thread.sleep(1_000);
            f.cancel(true);
            awaitNothingServed();
            t.close();
        }
    }

    /** The parent stops serving when the job's future completes; completion listeners run right after. */
    private static void awaitNothingServed() throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (ProxyServer.process().registered() != 0 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, ProxyServer.process().registered(), "the parent still serves a proxy table after its job");
    }

    @Test
    void shouldNameTheAccessModes() {
        assertEquals(AccessMode.PROXY, JobOptions.defaults().proxy().access());
        assertEquals(AccessMode.COPY, JobOptions.defaults().proxy().copyTable().access());
        assertEquals(AccessMode.SHARE, JobOptions.defaults().copyTable().shareTable().access());
        assertEquals(AccessMode.PROXY, AccessMode.parse(" Proxy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessMode.parse("pipe"));
        assertTrue(e.getMessage().contains("modes: copy, proxy, share"), e.getMessage());
    }
}
