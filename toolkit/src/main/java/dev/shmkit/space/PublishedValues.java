package dev.shmkit.space;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.ship.SharedReference;
import dev.shmkit.ship.SnapshotResolver;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which in-process objects were published, so that a task reading a notebook variable that holds
 * one ships a {@link SegmentReference} (a {@link SegmentId}) instead of a copy: a {@link SharedTable}
 * stays a zero-copy view in the worker, of exactly the version the caller holds; a Tablesaw
 * {@code Table} or an object that was published is materialised once per worker per version from
 * its segment. This is the worker pool's default {@link SnapshotResolver}.
 */
public final class PublishedValues {
    /** Published value (by identity; Tablesaw tables do not override equals) -> its version. */
    private static final Map<Object, SegmentId> PUBLISHED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final SnapshotResolver RESOLVER = PublishedValues::resolve;

    private PublishedValues() {
    }

    /** The resolver the worker pool consults for every notebook variable a task reads. */
    public static SnapshotResolver resolver() {
        return RESOLVER;
    }

    static void record(Object value, SegmentId id) {
        if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
            PUBLISHED.put(value, id); // small immutable values are cheaper to copy than to attach
        }
    }

    /** The version {@code value} was published as, while that version is still the published one; else null. */
    public static SegmentId idOf(Object value) {
        SegmentId id = value == null ? null : PUBLISHED.get(value);
        return id != null && LocalSegmentSource.get().isPublished(id) ? id : null;
    }

    static SharedReference resolve(String variable, Object value) {
        if (value instanceof SharedTable t && !t.isClosed() && t.id() != null) {
            // The caller maps this version, so it stays openable by id (retired, not unlinked) while the job runs.
            return t.isWhole() ? new SegmentReference(t.id(), SegmentReference.As.VIEW)
                    : new SegmentReference(t.id(), SegmentReference.As.VIEW, t.firstRow(), t.rowCount());
        }
        SegmentId id = idOf(value);
        if (id == null) {
            return null; // never published, or replaced/removed since: ship (or refuse) the value itself
        }
        return new SegmentReference(id, value instanceof Table ? SegmentReference.As.TABLE_COPY : SegmentReference.As.OBJECT);
    }
}
