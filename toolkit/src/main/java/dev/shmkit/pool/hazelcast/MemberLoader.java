package dev.shmkit.pool.hazelcast;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Member-side loader of one caller session (as the local worker's session loader): classes the member's
 * class path lacks (JShell snippet classes above all) are defined from the bytes pushed with a job, or
 * else fetched from the caller with {@code fetch}. A redefined snippet gives a new session and so a new loader.
 */
final class MemberLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> pushed = new ConcurrentHashMap<>();
    private final Function<String, byte[]> fetch;

    MemberLoader(String name, ClassLoader parent, Function<String, byte[]> fetch) {
        super(name, parent);
        this.fetch = fetch;
    }

    /** Bytes of {@code name} pushed with a job, defined when first needed. */
    void offer(String name, byte[] bytes) {
        pushed.putIfAbsent(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pushed.remove(name);
        if (bytes == null) {
            try {
                bytes = fetch.apply(name);
            } catch (RuntimeException e) {
                throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
            }
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name + ": neither pushed with the job nor served by the caller");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
