package dev.shmkit.table.proxy;

import dev.shmkit.ShmkitException;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.ColumnReads;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A proxy table read in one process through the server's own answers: the same values as the mapped
 * table for every supported type, one request per call (or per batch), and clear refusals.
 */
@ExtendWith(SpaceDirExtension.class)
class ProxyServerTest {
    private static final int ROWS = 300_000;

    static Table table() {
        double[] x = IntStream.range(0, ROWS).mapToDouble(i -> i % 1000 == 7 ? Double.NaN : i * 0.5).toArray();
        long[] l = IntStream.range(0, ROWS).mapToLong(i -> (long) i * 1_000_003L).toArray();
        IntColumn n = IntColumn.create("n", IntStream.range(0, ROWS).map(i -> i % 97 - 40).toArray());
        n.setMissing(5);
        StringColumn s = StringColumn.create("s", IntStream.range(0, ROWS).mapToObj(i -> "k" + (i % 13)).toList());
        s.setMissing(3);
        return Table.create("t", DoubleColumn.create("x", x), LongColumn.create("l", l), n, s);
    }

    /** A proxy of {@code t} answered in-process by the server (the transport the worker uses is the control channel). */
    private static SharedTable proxyOf(SharedTable t, long handle, ProxyClient client) {
        return SharedTable.proxy(t.id(), t.id() + " (proxy)", t.schema(), t.rowCount(), client);
    }

    /** A test of a table {@code t} and its proxy {@code p}, whose requests {@code client} sends to the server in-process. */
    @FunctionalInterface
    private interface ServedTest {
        void run(SharedTable t, SharedTable p, ProxyClient client);
    }

    /** Publishes {@link #table()} in {@code dir}, serves it, runs {@code test}, and stops serving and closes it. */
    private static void withServed(Path dir, ServedTest test) {
        ProxyServer server = ProxyServer.process();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedTable t = space.publish("t", table());
            long h = server.register(t, "test");
            try {
                ProxyClient client = new ProxyClient(h, server::answer);
                test.run(t, proxyOf(t, h, client), client);
            } finally {
                server.unregister(h);
                t.close();
            }
        }
    }

    @Test
    void shouldReadTheSameValuesAsTheMappedTableForEveryProxiedType(Path dir) {
        withServed(dir, (t, p, client) -> {
            assertTrue(p.isProxy());
            assertEquals(t.columnNames(), p.columnNames());
            for (int row : new int[] {0, 3, 5, 7, 1007, ROWS - 1}) {
                assertEquals(t.doubleColumn("x").get(row), p.doubleColumn("x").get(row));
                assertEquals(t.longColumn("l").get(row), p.longColumn("l").get(row));
                assertEquals(t.intColumn("n").get(row), p.intColumn("n").get(row));
                assertEquals(t.stringColumn("s").get(row), p.stringColumn("s").get(row));
                assertEquals(t.intColumn("n").isMissing(row), p.intColumn("n").isMissing(row));
            }
            assertEquals(t.doubleColumn("x").sum(10, 250_000), p.doubleColumn("x").sum(10, 250_000));
            assertEquals(t.longColumn("l").max(), p.longColumn("l").max());
            assertEquals(t.intColumn("n").min(2, 90), p.intColumn("n").min(2, 90));
            assertEquals(t.doubleColumn("x").countMissing(), p.doubleColumn("x").countMissing());
            List<Long> mapped = new ArrayList<>();
            List<Long> proxied = new ArrayList<>();
            t.longColumn("l").forEach(100, 200, mapped::add);
            p.longColumn("l").forEach(100, 200, proxied::add);
            assertEquals(mapped, proxied);
            Table a = t.copyToTable(1000, 2000);
            Table b = p.copyToTable(1000, 2000);
            for (String c : t.columnNames()) {
                assertEquals(a.column(c).asList(), b.column(c).asList(), "column " + c);
            }
            SharedTable slice = p.slice(100, 200);
            assertEquals(t.doubleColumn("x").get(150), slice.doubleColumn("x").get(50));
        });
    }

    @Test
    void shouldSendOneRequestPerCallAndOnePerBatchOfRows(Path dir) {
        withServed(dir, (t, p, client) -> {
            for (int i = 0; i < 25; i++) {
                p.doubleColumn("x").get(i);
            }
            assertEquals(25, client.requests(), "one request per get");
            p.doubleColumn("x").sum(0, ROWS);
            assertEquals(26, client.requests(), "one request per sum, whatever the range");
            long before = client.bytesMoved();
            double[] s = {0};
            p.doubleColumn("x").forEach(0, ROWS, v -> s[0] += v);
            int batches = (ROWS + ColumnReads.BATCH_ROWS - 1) / ColumnReads.BATCH_ROWS;
            assertEquals(26 + batches, client.requests(), "forEach: one request per batch of " + ColumnReads.BATCH_ROWS);
            assertTrue(client.bytesMoved() - before >= 8L * ROWS, "a scan moves every value: " + client.bytesMoved());
            assertTrue(client.waitNanos() > 0);
        });
    }

    @Test
    void shouldRefuseReadsAfterUnregisterCloseOrRemove(Path dir) {
        ProxyServer server = ProxyServer.process();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedTable t = space.publish("t", table());
            long h = server.register(t, "gone");
            SharedTable p = proxyOf(t, h, new ProxyClient(h, server::answer));
            server.unregister(h);
            ShmkitException e = assertThrows(ShmkitException.class, () -> p.doubleColumn("x").get(0));
            assertTrue(e.getMessage().contains("no table is served as handle=" + h), e.getMessage());

            long h2 = server.register(t, "closing");
            SharedTable p2 = proxyOf(t, h2, new ProxyClient(h2, server::answer));
            assertEquals(0.0, p2.doubleColumn("x").get(0));
            t.close();
            e = assertThrows(ShmkitException.class, () -> p2.doubleColumn("x").get(1));
            assertTrue(e.getMessage().contains("was closed while proxy job 'closing' ran"), e.getMessage());
            server.unregister(h2);

            SharedTable t3 = space.table("t");
            long h3 = server.register(t3, "removing");
            SharedTable p3 = proxyOf(t3, h3, new ProxyClient(h3, server::answer));
            assertEquals(0.5, p3.doubleColumn("x").get(1));
            space.remove("t");
            e = assertThrows(ShmkitException.class, () -> p3.doubleColumn("x").sum());
            assertTrue(e.getMessage().contains("was removed from space"), e.getMessage());
            server.unregister(h3);
            t3.close();
            assertFalse(server.registered() > 0, "nothing served after unregister");
        }
    }

    @Test
    void shouldRefuseViewsOfTypesAProxyDoesNotRead() {
        SharedTable p = SharedTable.proxy(null, "d (proxy)", java.util.Map.of("d", "LOCAL_DATE"), 3,
                new ProxyClient(1, r -> new byte[0]));
        ShmkitException e = assertThrows(ShmkitException.class, () -> p.dateColumn("d"));
        assertTrue(e.getMessage().contains("proxy views read DOUBLE, LONG, INTEGER, STRING"), e.getMessage());
    }
}
