package dev.shmkit.pool.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Worker-side loader for one parent session: classes the worker's class path lacks (JShell
 * snippet classes above all) are defined from the bytes pushed with a job, or else requested from
 * the parent. A redefined snippet gives a new session and so a fresh loader.
 */
final class SessionLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** A parent that does not answer a class request in this time is gone or wedged. */
    private static final long ANSWER_TIMEOUT_S = 60;

    private final long sessionId;
    private final Rpc rpc;
    private final Map<String, byte[]> pushed = new ConcurrentHashMap<>();

    SessionLoader(long sessionId, ClassLoader parent, Rpc rpc) {
        super("shmkit-session-" + sessionId, parent);
        this.sessionId = sessionId;
        this.rpc = rpc;
    }

    /** Bytes of {@code name} pushed with a job, defined when first needed. */
    void offer(String name, byte[] bytes) {
        pushed.putIfAbsent(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pushed.remove(name);
        if (bytes == null) {
            bytes = fetch(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private byte[] fetch(String name) throws ClassNotFoundException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] payload = ByteBuffer.allocate(Long.BYTES + n.length).putLong(sessionId).put(n).array();
        try {
            return rpc.call(WorkerConnection.CLASS, payload, ANSWER_TIMEOUT_S, TimeUnit.SECONDS)
                    .get(ANSWER_TIMEOUT_S + 1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ClassNotFoundException(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClassNotFoundException(name + ": parent did not answer within " + ANSWER_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + ": interrupted while waiting for the parent");
        }
    }
}
