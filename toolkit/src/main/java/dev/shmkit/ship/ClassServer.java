package dev.shmkit.ship;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The parent side of on-demand class loading. A session is a class loader whose classes the
 * workers have been sent; when one of the sent classes now has different bytes (a redefined
 * JShell snippet), the loader gets a new session and the workers a fresh loader.
 * Thread-safe.
 */
public final class ClassServer {
    private final Map<ClassLoader, Session> byLoader = new IdentityHashMap<>();
    private final Map<Long, Session> byId = new HashMap<>();
    private long nextId = 1;

    private static final class Session {
        final long id;
        final ClassLoader loader;
        final Map<String, byte[]> served = new HashMap<>();

        Session(long id, ClassLoader loader) {
            this.id = id;
            this.loader = loader;
        }
    }

    /** The answer to one request: bytes, or null with {@code error} set, or neither (not found). */
    public record Answer(byte[] bytes, String error) {
    }

    /** The session for jobs whose code comes from {@code loader}. */
    public synchronized long sessionFor(ClassLoader loader) {
        Session s = byLoader.get(loader);
        if (s != null && unchanged(s)) {
            return s.id;
        }
        Session fresh = new Session(nextId++, loader);
        byLoader.put(loader, fresh);
        byId.put(fresh.id, fresh);
        if (s != null) {
            byId.remove(s.id);
        }
        return fresh.id;
    }

    private static boolean unchanged(Session s) {
        for (Map.Entry<String, byte[]> e : s.served.entrySet()) {
            byte[] now;
            try {
                now = ClassBytes.read(s.loader, e.getKey());
            } catch (ShippingRefusedException ex) {
                return false;
            }
            if (!Arrays.equals(now, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Answers a worker's request for {@code name} in session {@code sessionId}. */
    public Answer lookup(long sessionId, String name) {
        Session s;
        synchronized (this) {
            s = byId.get(sessionId);
        }
        if (s == null) {
            return new Answer(null, "session=" + sessionId + " is no longer current (snippets were redefined)");
        }
        try {
            byte[] b = ClassBytes.read(s.loader, name);
            if (b != null) {
                synchronized (this) {
                    s.served.put(name, b);
                }
            }
            return new Answer(b, null);
        } catch (ShippingRefusedException e) {
            return new Answer(null, e.getMessage());
        }
    }
}
