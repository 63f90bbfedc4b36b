package dev.shmkit.table.proxy;

import dev.shmkit.table.ColumnReads;

import java.nio.ByteBuffer;

/**
 * The worker's side of a proxy table: turns each column read into one request through a
 * {@link ProxyTransport} and counts what that cost — requests, bytes moved (request plus reply
 * payloads) and time spent waiting for replies. One client serves one task.
 */
public final class ProxyClient implements ColumnReads {
    private final long handle;
    private final ProxyTransport transport;
    private long requests;
    private long bytesMoved;
    private long waitNanos;

    /** A client of the holder's registration {@code handle} ({@link ProxyServer#register}). */
    public ProxyClient(long handle, ProxyTransport transport) {
        this.handle = handle;
        this.transport = transport;
    }

    /** Requests sent so far. */
    public long requests() {
        return requests;
    }

    /** Payload bytes of the requests and their replies so far. */
    public long bytesMoved() {
        return bytesMoved;
    }

    /** Nanoseconds spent waiting for replies so far. */
    public long waitNanos() {
        return waitNanos;
    }

    private ByteBuffer call(byte op, String column, int a, int b) {
        byte[] req = ProxyProtocol.request(handle, op, column, a, b);
        long t0 = System.nanoTime();
        byte[] reply = transport.call(req);
        waitNanos += System.nanoTime() - t0;
        requests++;
        bytesMoved += req.length + reply.length;
        return ProxyProtocol.wrap(reply);
    }

    @Override
    public double getDouble(String column, int row) {
        return call(ProxyProtocol.GET, column, row, row + 1).getDouble();
    }

    @Override
    public long getLong(String column, int row) {
        return call(ProxyProtocol.GET, column, row, row + 1).getLong();
    }

    @Override
    public int getInt(String column, int row) {
        return call(ProxyProtocol.GET, column, row, row + 1).getInt();
    }

    @Override
    public String getString(String column, int row) {
        return ProxyProtocol.getString(call(ProxyProtocol.GET, column, row, row + 1));
    }

    @Override
    public boolean isMissing(String column, int row) {
        return call(ProxyProtocol.MISSING, column, row, row + 1).get() != 0;
    }

    @Override
    public int countMissing(String column, int from, int to) {
        return call(ProxyProtocol.COUNT_MISSING, column, from, to).getInt();
    }

    @Override
    public double aggregate(String column, Aggregate op, int from, int to) {
        byte code = switch (op) {
            case SUM -> ProxyProtocol.SUM;
            case MIN -> ProxyProtocol.MIN;
            case MAX -> ProxyProtocol.MAX;
        };
        return call(code, column, from, to).getDouble();
    }

    @Override
    public double[] doubles(String column, int from, int to) {
        ByteBuffer b = call(ProxyProtocol.VALUES, column, from, to);
        double[] out = new double[to - from];
        b.asDoubleBuffer().get(out);
        return out;
    }

    @Override
    public long[] longs(String column, int from, int to) {
        ByteBuffer b = call(ProxyProtocol.VALUES, column, from, to);
        long[] out = new long[to - from];
        b.asLongBuffer().get(out);
        return out;
    }

    @Override
    public int[] ints(String column, int from, int to) {
        ByteBuffer b = call(ProxyProtocol.VALUES, column, from, to);
        int[] out = new int[to - from];
        b.asIntBuffer().get(out);
        return out;
    }

    @Override
    public String[] strings(String column, int from, int to) {
        ByteBuffer b = call(ProxyProtocol.VALUES, column, from, to);
        String[] out = new String[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = ProxyProtocol.getString(b);
        }
        return out;
    }
}
