package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request/reply over a {@link FrameChannel}, usable from both ends: {@link Frame#REQUEST}(id, kind,
 * payload) is answered by {@link Frame#REPLY}(id, status, payload). Any number of requests may be
 * outstanding; each has its own timeout; a request whose channel fails is failed with that cause.
 * The reading thread hands REQUEST and REPLY frames to {@link #onFrame}; a handler runs there and
 * must answer quickly or return a future that completes later.
 */
final class Rpc {
    /** Reply status: the payload is the answer. */
    static final byte OK = 0;
    /** Reply status: the thing asked for does not exist (payload: why, UTF-8). */
    static final byte NOT_FOUND = 1;
    /** Reply status: the handler failed (payload: why, UTF-8). */
    static final byte FAILED = 2;

    /** Answers requests of one kind. */
    interface Handler {
        /** The reply payload (or a {@link RemoteException} for NOT_FOUND/FAILED), possibly later. */
        CompletableFuture<byte[]> handle(byte[] payload);
    }

    /** A request answered with NOT_FOUND or FAILED. */
    static final class RemoteException extends ShmkitException {
        private static final long serialVersionUID = 1L;
        final byte status;

        RemoteException(byte status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final FrameChannel channel;
    private final String peer;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> outstanding = new ConcurrentHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile java.util.function.BiFunction<String, byte[], CompletableFuture<byte[]>> fallback;
    private volatile Throwable failure;

    /** {@code peer} names the other end in messages, e.g. "worker 3 (pid 4121)". */
    Rpc(FrameChannel channel, String peer) {
        this.channel = channel;
        this.peer = peer;
    }

    /** Answers requests of {@code kind} with {@code handler}. */
    void handle(String kind, Handler handler) {
        handlers.put(kind, handler);
    }

    /** Answers requests of kinds without a handler of their own. */
    void handleOthers(java.util.function.BiFunction<String, byte[], CompletableFuture<byte[]>> handler) {
        this.fallback = handler;
    }

    /** Sends a request; the future completes with the reply payload, or fails on NOT_FOUND/FAILED, timeout or channel failure. */
    CompletableFuture<byte[]> call(String kind, byte[] payload, long timeout, TimeUnit unit) {
        long id = ids.incrementAndGet();
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Throwable failed = failure;
        if (failed != null) {
            f.completeExceptionally(channelFailed(kind, failed));
            return f;
        }
        outstanding.put(id, f);
        if (failure != null) {
            f.completeExceptionally(channelFailed(kind, failure));
        }
        f.orTimeout(timeout, unit).whenComplete((r, e) -> outstanding.remove(id));
        try {
            FrameBuilder b = new FrameBuilder();
            channel.write(b.begin(Frame.REQUEST).putLong(id).putString(kind).putBytes(payload).end());
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(channelFailed(kind, e));
        }
        return f.exceptionallyCompose(e -> {
            outstanding.remove(id);  // before the caller sees the failure
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (c instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new ShmkitException("request kind=" + kind + " to " + peer
                        + ": no reply within " + unit.toMillis(timeout) + " ms (the peer is busy, wedged or gone)", c));
            }
            return CompletableFuture.failedFuture(c);
        });
    }

    private ShmkitException channelFailed(String kind, Throwable cause) {
        return new ShmkitException("request kind=" + kind + " to " + peer + " failed: control channel failed: " + cause,
                cause);
    }

    /** Called by the reading thread with a REQUEST or REPLY frame. */
    void onFrame(Frame f) {
        long id = f.getLong();
        if (f.type == Frame.REPLY) {
            byte status = f.getByte();
            byte[] payload = f.getBytes();
            CompletableFuture<byte[]> waiting = outstanding.remove(id);
            if (waiting != null) {
                if (status == OK) {
                    waiting.complete(payload);
                } else {
                    waiting.completeExceptionally(new RemoteException(status, new String(payload, StandardCharsets.UTF_8)));
                }
            }
            return;
        }
        String kind = f.getString();
        byte[] payload = f.getBytes();
        Handler h = handlers.get(kind);
        var others = fallback;
        CompletableFuture<byte[]> answer;
        try {
            if (h != null) {
                answer = h.handle(payload);
            } else if (others != null) {
                answer = others.apply(kind, payload);
            } else {
                answer = CompletableFuture.failedFuture(new RemoteException(NOT_FOUND, "no handler for request kind=" + kind));
            }
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((bytes, e) -> reply(id, bytes, e));
    }

    private void reply(long id, byte[] bytes, Throwable e) {
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        byte status = c == null ? OK : c instanceof RemoteException r ? r.status : FAILED;
        byte[] payload = c == null ? bytes : String.valueOf(c.getMessage()).getBytes(StandardCharsets.UTF_8);
        try {
            FrameBuilder b = new FrameBuilder();
            channel.write(b.begin(Frame.REPLY).putLong(id).putByte(status).putBytes(payload == null ? new byte[0] : payload)
                    .end());
        } catch (IOException ignored) {
            // the channel failed; the reader sees it and fails everything outstanding
        }
    }

    /** Fails every outstanding request, and all later ones, with {@code cause}. */
    void fail(Throwable cause) {
        failure = cause;
        for (Map.Entry<Long, CompletableFuture<byte[]>> e : outstanding.entrySet()) {
            e.getValue().completeExceptionally(channelFailed("(outstanding)", cause));
        }
        outstanding.clear();
    }

    /** Requests waiting for a reply (tests). */
    int outstanding() {
        return outstanding.size();
    }
}
