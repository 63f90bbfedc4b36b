package dev.shmkit.ship;

import java.lang.invoke.SerializedLambda;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parent side of class shipping. A session is a class loader whose classes the workers have
 * been sent. For each job, {@link #prepare} reads the JShell snippet classes the job's code can
 * reach (from its roots through their constant pools) so they travel with the job; when one of
 * them now has other bytes than a class of the same name already sent (a redefined snippet), the
 * loader gets a new session and the workers a fresh loader. The check reads only the job's own
 * classes, never everything served so far. {@link #lookup} answers workers' requests for anything
 * else. Thread-safe.
 */
public final class ClassServer {
    private final Map<ClassLoader, Session> byLoader = new IdentityHashMap<>();
    private final Map<Long, Session> byId = new HashMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private long nextId = 1;

    private static final class Session {
        final long id;
        final ClassLoader loader;
        /** Bytes of every class pushed or served in this session, by binary name. */
        final Map<String, byte[]> sent = new HashMap<>();

        Session(long id, ClassLoader loader) {
            this.id = id;
            this.loader = loader;
        }
    }

    /** The answer to one request: bytes, or null with {@code error} set, or neither (not found). */
    public record Answer(byte[] bytes, String error) {
    }

    /**
     * A job's session and the classes to push with it (binary name to bytes, dependencies first).
     *
     * @param session the session id
     * @param classes the snippet classes the job can reach; empty when its code is on the class path
     */
    public record Shipment(long session, Map<String, byte[]> classes) {
    }

    /** The session for jobs whose code comes from {@code loader}, pushing nothing. */
    public long sessionFor(ClassLoader loader) {
        return prepare(loader, java.util.List.of()).session();
    }

    /**
     * The session and pushed classes of a job whose code, from {@code loader}, starts at the
     * snippet classes {@code roots} (binary names; see {@link #roots}).
     *
     * @throws ShippingRefusedException when the loader defines a snippet class but will not give its bytes
     */
    public Shipment prepare(ClassLoader loader, Collection<String> roots) {
        Map<String, byte[]> classes = closure(loader, roots);
        synchronized (this) {
            Session s = byLoader.get(loader);
            if (s == null || changed(s, classes)) {
                Session fresh = new Session(nextId++, loader);
                byLoader.put(loader, fresh);
                byId.put(fresh.id, fresh);
                if (s != null) {
                    byId.remove(s.id);
                }
                s = fresh;
            }
            s.sent.putAll(classes);
            return new Shipment(s.id, classes);
        }
    }

    /**
     * The snippet classes a task starts from: its own class, or a lambda's capturing and
     * implementation classes, plus the classes of captured values and of {@code values} (the
     * JShell variables shipped with it) that are snippet classes.
     */
    public static java.util.Set<String> roots(Object task, Collection<?> values) {
        java.util.Set<String> roots = new java.util.LinkedHashSet<>();
        SerializedLambda lambda = StaticScanner.serializedLambda(task);
        if (lambda != null) {
            addRepl(roots, lambda.getCapturingClass().replace('/', '.'));
            addRepl(roots, lambda.getImplClass().replace('/', '.'));
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object a = lambda.getCapturedArg(i);
                if (a != null) {
                    addRepl(roots, a.getClass().getName());
                }
            }
        } else {
            addRepl(roots, task.getClass().getName());
        }
        for (Object v : values) {
            if (v != null) {
                addRepl(roots, v.getClass().getName());
            }
        }
        return roots;
    }

    private static void addRepl(java.util.Set<String> roots, String binaryName) {
        if (StaticScanner.isRepl(binaryName.replace('.', '/'))) {
            roots.add(binaryName);
        }
    }

    /** Reads the roots and every snippet class they refer to, transitively. */
    private static Map<String, byte[]> closure(ClassLoader loader, Collection<String> roots) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ArrayDeque<String> work = new ArrayDeque<>(roots);
        java.util.Set<String> seen = new java.util.HashSet<>(roots);
        while (!work.isEmpty()) {
            String name = work.poll();
            byte[] b = ClassBytes.read(loader, name);
            if (b == null) {
                continue;
            }
            out.put(name, b);
            for (String ref : ClassBytes.replReferences(b)) {
                if (seen.add(ref)) {
                    work.add(ref);
                }
            }
        }
        return out;
    }

    private static boolean changed(Session s, Map<String, byte[]> classes) {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            byte[] before = s.sent.get(e.getKey());
            if (before != null && !Arrays.equals(before, e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Answers a worker's request for {@code name} in session {@code sessionId}. */
    public Answer lookup(long sessionId, String name) {
        lookups.incrementAndGet();
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
                    s.sent.put(name, b);
                }
            }
            return new Answer(b, null);
        } catch (ShippingRefusedException e) {
            return new Answer(null, e.getMessage());
        }
    }

    /** Requests workers made through {@link #lookup} so far (a job whose classes were all pushed makes none). */
    public long lookups() {
        return lookups.get();
    }
}
