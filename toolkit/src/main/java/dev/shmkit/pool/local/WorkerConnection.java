package dev.shmkit.pool.local;

import dev.shmkit.pool.Backend;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.pool.TaskStats;
import dev.shmkit.ship.ClassServer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The parent's reading side of one connected worker: a thread that reads its frames, reads
 * results with the job's loader and hands them to the sink, and answers the worker's requests
 * (classes a job did not push; proxy-mode reads, {@link ProxyChannel}). A channel that fails fails every outstanding request and, if the
 * worker still runs, kills it: a worker nobody listens to would hold its tasks forever.
 */
final class WorkerConnection {
    /** Request kind: a class's bytes; payload session (8 bytes) then the binary name (UTF-8). */
    static final String CLASS = "class";

    private final WorkerHandle handle;
    private final FrameChannel channel;
    private final Rpc rpc;
    private final ClassServer classes;
    private final Backend.Sink sink;
    private final ResultReader results;
    private Thread reader;

    WorkerConnection(WorkerHandle handle, FrameChannel channel, ClassServer classes, Backend.Sink sink,
                     ResultReader results) {
        this.handle = handle;
        this.results = results;
        this.channel = channel;
        this.classes = classes;
        this.sink = sink;
        this.rpc = new Rpc(channel, handle.toString());
        rpc.handle(CLASS, this::answerClass);
        rpc.handle(ProxyChannel.KIND, ProxyChannel::answer);
        handle.attach(channel, rpc);
    }

    WorkerHandle handle() {
        return handle;
    }

    Rpc rpc() {
        return rpc;
    }

    void start() {
        reader = new Thread(this::readLoop, "shmkit-w" + handle.id + "-control");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes frames, ignoring a failed channel (the worker's exit reports it). */
    void send(FrameBuilder b) {
        try {
            channel.write(b);
        } catch (IOException ignored) {
            // the worker is dying; its exit hook does the bookkeeping
        }
    }

    /** Waits a little for the reader to drain frames the worker sent before it died. */
    void joinReader(long millis) {
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void failed(Throwable cause) {
        rpc.fail(cause);
        channel.close();
    }

    private void readLoop() {
        try {
            while (true) {
                Frame f = channel.read();
                switch (f.type) {
                    case Frame.RESULT -> onResult(f);
                    case Frame.ERROR -> sink.error(handle.id, f.getLong(), f.getString(), f.getString(), f.getString());
                    case Frame.REQUEST, Frame.REPLY -> rpc.onFrame(f);
                    default -> throw new IOException("unexpected control frame type=" + f.type + " from " + handle);
                }
            }
        } catch (IOException | RuntimeException e) {
            rpc.fail(e);
            if (handle.process.isAlive() && !(e instanceof EOFException)) {
                handle.killReason = "its control channel failed: " + e;
                handle.process.destroyForcibly();
            }
        }
    }

    private void onResult(Frame f) {
        long taskId = f.getLong();
        long jobId = f.getLong();
        long deser = f.getLong(), attach = f.getLong(), run = f.getLong(), ser = f.getLong();
        long mapped = f.getLong(), copied = f.getLong();
        long proxyRequests = f.getLong(), proxyBytes = f.getLong(), proxyWait = f.getLong();
        byte kind = f.getByte();
        JobSpec job = handle.job(jobId);
        if (job == null) {
            results.discard(kind, f);
            return;  // a job long gone (cancelled)
        }
        long r0 = System.nanoTime();
        ResultReader.Read r;
        try {
            r = results.read(kind, f, handle.readerKryo(job.loader()));
        } catch (IOException | RuntimeException | LinkageError e) {
            sink.error(handle.id, taskId, e.getClass().getName(), "the task's result (kind=" + kind + ", frame="
                    + f.body.capacity() + " B) could not be read in the parent: " + e.getMessage(), String.valueOf(e));
            return;
        }
        sink.result(handle.id, taskId, r.value(), new TaskStats(deser, attach, run, ser + System.nanoTime() - r0,
                mapped, copied, r.inlineBytes(), r.segmentBytes(), proxyRequests, proxyBytes, proxyWait));
    }

    private CompletableFuture<byte[]> answerClass(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        long session = b.getLong();
        String name = StandardCharsets.UTF_8.decode(b).toString();
        ClassServer.Answer a = classes.lookup(session, name);
        if (a.bytes() != null) {
            handle.markSent(session, name);
            return CompletableFuture.completedFuture(a.bytes());
        }
        return CompletableFuture.failedFuture(a.error() != null
                ? new Rpc.RemoteException(Rpc.FAILED, a.error())
                : new Rpc.RemoteException(Rpc.NOT_FOUND, name + ": not on the worker class path and not served by the "
                        + "parent session=" + session));
    }
}
