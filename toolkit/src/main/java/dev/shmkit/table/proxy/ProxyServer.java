package dev.shmkit.table.proxy;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentEvents;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.ColumnView;
import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.IntColumnView;
import dev.shmkit.table.LongColumnView;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.StringColumnView;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The holder's side of proxy mode, one per process (the Manager of Python's multiprocessing: "a little
 * server that answers requests on the objects it holds"). A proxy job registers the caller's table for
 * its duration; each request is answered from that table — the holder computes {@code sum}, reads a
 * row, or packs a batch of values. The server keeps a handle of its own on the table's mapping, so a
 * caller closing its view mid-job cannot unmap pages under a read: requests then fail with a message
 * instead. A table removed from its space mid-job ({@code space.remove}, {@code %unshare}) fails
 * its requests too, as does a request after its job ended.
 */
public final class ProxyServer {
    private static final ProxyServer PROCESS = new ProxyServer();

    /** One registered table: the caller's view (watched), this server's own handle (read), why it stopped serving. */
    private static final class Held {
        final SharedTable caller;
        final SharedTable own;
        final String job;
        volatile String removed;

        Held(SharedTable caller, SharedTable own, String job) {
            this.caller = caller;
            this.own = own;
            this.job = job;
        }
    }

    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();

    private ProxyServer() {
        SegmentEvents.addListener(new SegmentEvents.Listener() {
            @Override
            public void removed(SegmentId id) {
                for (Held h : held.values()) {
                    if (id.equals(h.own.id())) {
                        h.removed = "segment " + id + " was removed from space " + id.space() + " while proxy job '"
                                + h.job + "' read it (space.remove or %unshare)";
                    }
                }
            }
        });
    }

    /** This process's server. */
    public static ProxyServer process() {
        return PROCESS;
    }

    /**
     * Serves {@code table} (a whole, open table) to job {@code job} until {@link #unregister}; returns the
     * handle its requests name. Takes a handle of its own on the table's mapping.
     */
    public long register(SharedTable table, String job) {
        if (table.isClosed()) {
            throw new ShmkitException("proxy job '" + job + "': the table view is closed (" + table
                    + "); attach it again with space.table(name)");
        }
        SharedTable own = table.id() != null ? SharedTable.attach(LocalSegmentSource.get(), table.id())
                : SharedTable.open(table.path());
        long handle = handles.incrementAndGet();
        held.put(handle, new Held(table, own, job));
        return handle;
    }

    /** Stops serving {@code handle} and releases this server's handle on its mapping (idempotent). */
    public void unregister(long handle) {
        Held h = held.remove(handle);
        if (h != null) {
            h.own.close();
        }
    }

    /** Tables served now (tests: none is left after a job). */
    public int registered() {
        return held.size();
    }

    /**
     * The reply to one request ({@link ProxyProtocol}).
     *
     * @throws ShmkitException naming the table, the job and the fix when the request cannot be answered
     */
    public byte[] answer(byte[] request) {
        ByteBuffer in = ProxyProtocol.wrap(request);
        long handle = in.getLong();
        byte op = in.get();
        String column = ProxyProtocol.getString(in);
        int a = in.getInt();
        int b = in.getInt();
        Held h = held.get(handle);
        if (h == null) {
            throw new ShmkitException("proxy read " + ProxyProtocol.opName(op) + " of column '" + column
                    + "': no table is served as handle=" + handle + " in pid=" + ProcessHandle.current().pid()
                    + " (its job ended or was cancelled)");
        }
        String removed = h.removed;
        if (removed != null) {
            throw new ShmkitException("proxy read " + ProxyProtocol.opName(op) + " of column '" + column + "' rows ["
                    + a + ", " + b + "): " + removed + "; fix: keep the table published until the job ends");
        }
        if (h.caller.isClosed()) {
            throw new ShmkitException("proxy read " + ProxyProtocol.opName(op) + " of column '" + column + "' rows ["
                    + a + ", " + b + "): the parent's view of " + h.own.id() + " was closed while proxy job '" + h.job
                    + "' ran; fix: keep the table open until the job ends");
        }
        ColumnView v = h.own.anyColumn(column);
        return switch (op) {
            case ProxyProtocol.GET -> values(v, a, a + 1);
            case ProxyProtocol.MISSING -> new byte[] {(byte) (v.isMissing(a) ? 1 : 0)};
            case ProxyProtocol.COUNT_MISSING -> ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(h.own.slice(a, b).anyColumn(column).countMissing()).array();
            case ProxyProtocol.SUM, ProxyProtocol.MIN, ProxyProtocol.MAX -> ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN).putDouble(aggregate(v, op, a, b)).array();
            case ProxyProtocol.VALUES -> values(v, a, b);
            default -> throw new ShmkitException("proxy read: unknown op=" + op + " for column '" + column + "'");
        };
    }

    private static double aggregate(ColumnView v, byte op, int from, int to) {
        if (v instanceof DoubleColumnView d) {
            return op == ProxyProtocol.SUM ? d.sum(from, to) : op == ProxyProtocol.MIN ? d.min(from, to) : d.max(from, to);
        }
        if (v instanceof LongColumnView l) {
            return op == ProxyProtocol.SUM ? l.sum(from, to) : op == ProxyProtocol.MIN ? l.min(from, to) : l.max(from, to);
        }
        if (v instanceof IntColumnView i) {
            return op == ProxyProtocol.SUM ? i.sum(from, to) : op == ProxyProtocol.MIN ? i.min(from, to) : i.max(from, to);
        }
        throw unsupported(v, ProxyProtocol.opName(op));
    }

    /** Rows [from, to) packed as {@link ProxyProtocol} says. */
    private static byte[] values(ColumnView v, int from, int to) {
        int n = to - from;
        if (v instanceof DoubleColumnView d) {
            ByteBuffer out = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            d.forEach(from, to, out::putDouble);
            return out.array();
        }
        if (v instanceof LongColumnView l) {
            ByteBuffer out = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            l.forEach(from, to, out::putLong);
            return out.array();
        }
        if (v instanceof IntColumnView i) {
            ByteBuffer out = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            i.forEach(from, to, out::putInt);
            return out.array();
        }
        if (v instanceof StringColumnView s) {
            byte[][] utf = new byte[n][];
            int total = 0;
            for (int r = 0; r < n; r++) {
                utf[r] = s.get(from + r).getBytes(StandardCharsets.UTF_8);
                total += 4 + utf[r].length;
            }
            ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] u : utf) {
                out.putInt(u.length).put(u);
            }
            return out.array();
        }
        throw unsupported(v, "read");
    }

    private static ShmkitException unsupported(ColumnView v, String what) {
        return new ShmkitException("proxy " + what + " of column '" + v.name() + "': type=" + v.type().name()
                + " is not served (proxy mode reads DOUBLE, LONG, INTEGER, STRING); fix: run in share or copy mode");
    }
}
