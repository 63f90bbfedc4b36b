package dev.shmkit.space;

import dev.shmkit.ship.SharedReference;
import dev.shmkit.ship.SnapshotResolver;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which in-process objects were published, so that a task reading a notebook variable that holds
 * one ships a {@link SegmentReference} instead of a copy: a {@link SharedTable} stays a zero-copy
 * view in the worker; a Tablesaw {@code Table} or an object that was published is materialised
 * once per worker per version from its segment. This is the worker pool's default
 * {@link SnapshotResolver}.
 */
public final class PublishedValues {
    /** Published value (by identity; Tablesaw tables do not override equals) -> its segment. */
    private static final Map<Object, SegmentFile> PUBLISHED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final SnapshotResolver RESOLVER = PublishedValues::resolve;

    private PublishedValues() {
    }

    /** The resolver the worker pool consults for every notebook variable a task reads. */
    public static SnapshotResolver resolver() {
        return RESOLVER;
    }

    static void record(Object value, SegmentFile file) {
        if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
            PUBLISHED.put(value, file); // small immutable values are cheaper to copy than to attach
        }
    }

    static SharedReference resolve(String variable, Object value) {
        if (value instanceof SharedTable t && !t.isClosed() && Files.exists(t.path())) {
            SegmentFile f = SegmentFile.parse(t.path());
            String entry = f == null ? t.path().toString() : f.name();
            try (SharedTable whole = SharedTable.open(t.path())) {
                boolean slice = t.firstRow() != 0 || t.rowCount() != whole.rowCount();
                return slice ? new SegmentReference(t.path(), entry, SegmentReference.As.VIEW, t.firstRow(), t.rowCount())
                        : new SegmentReference(t.path(), entry, SegmentReference.As.VIEW);
            }
        }
        if (value == null) {
            return null;
        }
        SegmentFile f = PUBLISHED.get(value);
        if (f == null || !Files.exists(f.path())) {
            return null; // never published, or removed since: ship (or refuse) the value itself
        }
        Path p = f.path();
        return new SegmentReference(p, f.name(), value instanceof Table ? SegmentReference.As.TABLE_COPY : SegmentReference.As.OBJECT);
    }
}
