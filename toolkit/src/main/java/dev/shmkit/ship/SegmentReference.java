package dev.shmkit.ship;

import dev.shmkit.object.ObjectSegment;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.SharedTable;

/**
 * What a worker receives instead of a notebook variable that holds a published value: the
 * segment's {@link SegmentId} and how to turn it back into the value. Values live in the worker's
 * {@link SegmentCache} (one per worker, keyed by id and form), so a job pays the attach (or the one
 * copy) once, and a newer version of the same entry replaces (and unmaps) the older one.
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

    private final SegmentId id;
    private final As as;
    /** For a VIEW of a slice: its first row and row count; -1 for the whole table. */
    private final int firstRow;
    private final int rows;
    private transient long copied;
    private transient long mapped;
    /** Bytes the last load copied (TABLE_COPY, OBJECT). */
    private transient long loadedBytes;

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
        boolean[] loaded = {false};
        Object value = SegmentCache.process().get(id, as.name(), i -> {
            loaded[0] = true;
            return load();
        });
        if (as == As.VIEW) {
            mapped = ((SharedTable) value).mappedBytes();
        } else if (loaded[0]) {
            copied = loadedBytes;
        }
        return as == As.VIEW && firstRow >= 0 ? ((SharedTable) value).slice(firstRow, firstRow + rows) : value;
    }

    private Object load() {
        LocalSegmentSource source = LocalSegmentSource.get();
        switch (as) {
            case VIEW -> {
                return SharedTable.attach(source, id);
            }
            case TABLE_COPY -> {
                try (SharedTable t = SharedTable.attach(source, id)) {
                    loadedBytes = t.mappedBytes();
                    return t.copyToTable();
                }
            }
            default -> {
                try (ObjectSegment s = ObjectSegment.attach(source, id)) {
                    loadedBytes = s.length();
                    return s.read(Object.class, Thread.currentThread().getContextClassLoader());
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
