package dev.shmkit.segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a worker keeps of the segments its tasks used: one value per {@link SegmentId} and form (a
 * zero-copy view, a copied {@code Table}, a deserialized object), the only such cache in a worker.
 *
 * <p>Policy, in one place: using a version of a name drops (and closes) every older version of that
 * name held here; {@link #evict(SegmentId)} drops a version the parent says was replaced or removed.
 * So however often a name is republished, a worker maps at most the version in use and the one
 * before it while a job on it finishes. Thread-safe.
 */
public final class SegmentCache {
    private static final SegmentCache PROCESS = new SegmentCache();

    private final Map<Key, Object> values = new LinkedHashMap<>();

    /** One entry: a version and the form it was materialised in. */
    private record Key(SegmentId id, String form) {
    }

    /** The cache of this process (a worker has exactly one). */
    public static SegmentCache process() {
        return PROCESS;
    }

    /**
     * The value of {@code id} in {@code form}, loading it on first use. Older versions of the same name
     * are closed first.
     */
    public <T> T get(SegmentId id, String form, Function<SegmentId, T> load) {
        List<Object> dropped;
        synchronized (this) {
            Object v = values.get(new Key(id, form));
            if (v != null) {
                @SuppressWarnings("unchecked") T t = (T) v;
                return t;
            }
            dropped = removeIf(k -> sameName(k.id(), id) && k.id().version() < id.version());
        }
        closeAll(dropped);
        T fresh = load.apply(id);
        Object raced;
        synchronized (this) {
            raced = values.putIfAbsent(new Key(id, form), fresh);
        }
        if (raced != null) {
            closeAll(List.of(fresh));
            @SuppressWarnings("unchecked") T t = (T) raced;
            return t;
        }
        return fresh;
    }

    /** Drops and closes every form of {@code id} and of older versions of its name. Returns how many were held. */
    public int evict(SegmentId id) {
        List<Object> dropped;
        synchronized (this) {
            dropped = removeIf(k -> sameName(k.id(), id) && k.id().version() <= id.version());
        }
        closeAll(dropped);
        return dropped.size();
    }

    /** Drops and closes everything (the worker is exiting). */
    public void clear() {
        List<Object> dropped;
        synchronized (this) {
            dropped = removeIf(k -> true);
        }
        closeAll(dropped);
    }

    /** Versions held now, for tests and reports. */
    public synchronized List<SegmentId> ids() {
        List<SegmentId> out = new ArrayList<>();
        values.keySet().forEach(k -> out.add(k.id()));
        return out;
    }

    private List<Object> removeIf(java.util.function.Predicate<Key> which) {
        List<Object> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Object>> it = values.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Object> e = it.next();
            if (which.test(e.getKey())) {
                out.add(e.getValue());
                it.remove();
            }
        }
        return out;
    }

    private static boolean sameName(SegmentId a, SegmentId b) {
        return a.name().equals(b.name()) && a.space().equals(b.space());
    }

    private static void closeAll(List<Object> values) {
        for (Object v : values) {
            if (v instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // an older version's mapping: failing to unmap it costs address space, not correctness
                }
            }
        }
    }
}
