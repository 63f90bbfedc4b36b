package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.table.proxy.ProxyServer;
import dev.shmkit.table.proxy.ProxyTransport;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Proxy-mode reads over a worker's control channel: in the worker, each read of a proxy view is one
 * {@link Rpc} request of kind {@value #KIND}; in the parent, the connection's reading thread answers it
 * from the table the job registered ({@link ProxyServer}). A refused read (table closed or removed
 * mid-job, job over) comes back as a failure with the parent's reason, which fails the task.
 */
final class ProxyChannel implements ProxyTransport {
    /** Request kind: one proxy read; payload and reply as {@code ProxyProtocol} lays them out. */
    static final String KIND = "proxy.read";
    /** A reply slower than this means the parent is wedged: on a machine at load 20 replies take milliseconds, not minutes. */
    private static final long TIMEOUT_MS = 120_000;

    private final Rpc rpc;

    ProxyChannel(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public byte[] call(byte[] request) {
        CompletableFuture<byte[]> reply = rpc.call(KIND, request, TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            return reply.get();
        } catch (InterruptedException e) {
            reply.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("proxy read interrupted (the job was cancelled)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new ShmkitException("proxy read failed in the parent: " + (c == null ? e : c.getMessage()), c);
        }
    }

    /** The parent's answer to one read (runs on the connection's reading thread; reads are short or batched). */
    static CompletableFuture<byte[]> answer(byte[] payload) {
        try {
            return CompletableFuture.completedFuture(ProxyServer.process().answer(payload));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new Rpc.RemoteException(Rpc.FAILED, e.getMessage()));
        }
    }
}
