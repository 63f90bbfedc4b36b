package dev.shmkit.space;

import dev.shmkit.object.ObjectSegment;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.ship.SharedReference;
import dev.shmkit.table.SharedTable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a worker receives instead of a notebook variable that holds a published value: the
 * segment's {@link SegmentId} and how to turn it back into the value. Values are cached per worker per
 * segment version, so a job pays the attach (or the one copy) once, and a newer version of the
 * same entry replaces (and unmaps) the older one.
 */
final class SegmentReference implements SharedReference {
    private static final long serialVersionUID = 1L;

    /** How the worker materialises the segment. */
    enum As {
        /** A {@link SharedTable} view: zero-copy. */
        VIEW,
        /** A Tablesaw {@code Table}, copied once per worker per version from the mapping (counted as copied). */
        TABLE_COPY,
        /** A deserialized object, read once per worker per version (counted as copied). */
        OBJECT
    }

    /** Per worker: space + entry name + mode -> the materialised value of the version last used. */
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(SegmentId id, Object value, AutoCloseable resource) {
    }

    private final SegmentId id;
    private final As as;
    /** For a VIEW of a slice: its first row and row count; -1 for the whole table. */
    private final int firstRow;
    private final int rows;
    private transient long copied;
    private transient long mapped;

    SegmentReference(SegmentId id, As as) {
        this(id, as, -1, -1);
    }

    SegmentReference(SegmentId id, As as, int firstRow, int rows) {
        this.id = id;
        this.as = as;
        this.firstRow = firstRow;
        this.rows = rows;
    }

    @Override
    public Object materialize() {
        copied = 0;
        mapped = 0;
        String key = id.space() + "/" + id.name() + "/" + as;
        Cached c = CACHE.get(key);
        if (c != null && c.id().equals(id)) {
            if (as == As.VIEW) {
                mapped = ((SharedTable) c.value()).mappedBytes();
            }
            return sliced(c.value());
        }
        Cached fresh = load();
        Cached old = CACHE.put(key, fresh);
        if (old != null && old.resource() != null) {
            try {
                old.resource().close();
            } catch (Exception e) {
                // an older version's mapping: failing to unmap it only costs address space
            }
        }
        return sliced(fresh.value());
    }

    private Object sliced(Object value) {
        return as == As.VIEW && firstRow >= 0 ? ((SharedTable) value).slice(firstRow, firstRow + rows) : value;
    }

    private Cached load() {
        LocalSegmentSource source = LocalSegmentSource.get();
        switch (as) {
            case VIEW -> {
                SharedTable t = SharedTable.attach(source, id);
                mapped = t.mappedBytes();
                return new Cached(id, t, t);
            }
            case TABLE_COPY -> {
                try (SharedTable t = SharedTable.attach(source, id)) {
                    copied = t.mappedBytes();
                    return new Cached(id, t.copyToTable(), null);
                }
            }
            default -> {
                try (ObjectSegment s = ObjectSegment.attach(source, id)) {
                    copied = s.length();
                    return new Cached(id, s.read(Object.class, Thread.currentThread().getContextClassLoader()), null);
                }
            }
        }
    }

    /** The version this refers to. */
    SegmentId id() {
        return id;
    }

    @Override
    public long bytesCopied() {
        return copied;
    }

    @Override
    public long bytesMapped() {
        return mapped;
    }

    @Override
    public String toString() {
        return "SegmentReference[" + id + " " + as + " in " + id.space() + "]";
    }
}
