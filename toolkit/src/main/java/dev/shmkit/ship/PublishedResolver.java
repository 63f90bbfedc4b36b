package dev.shmkit.ship;

import dev.shmkit.array.SharedArray;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.space.PublishedValues;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

/**
 * The shipper's default {@link SnapshotResolver}: a notebook variable holding a published value ships
 * as a {@link SegmentReference} (its {@link SegmentId}) instead of a copy. A {@link SharedTable} stays a
 * zero-copy view in the worker, of exactly the version the caller holds (a version some process maps is
 * never unlinked, so the worker can open it by id); a Tablesaw {@code Table} or an object that was
 * published is materialised once per worker per version from its segment; a {@link SharedArray} is mapped
 * (the same pages, read-write while it is a draft).
 */
public final class PublishedResolver implements SnapshotResolver {
    private static final PublishedResolver INSTANCE = new PublishedResolver();

    private PublishedResolver() {
    }

    /** The resolver the worker pool consults by default. */
    public static SnapshotResolver get() {
        return INSTANCE;
    }

    @Override
    public SharedReference resolve(String variable, Object value) {
        if (value instanceof SharedArray a && !a.isClosed()) {
            return new ArrayReference(a.id(), a.type()); // the same pages in the worker, read-write while a draft
        }
        if (value instanceof SharedTable t && !t.isClosed() && t.id() != null) {
            return t.isWhole() ? new SegmentReference(t.id(), SegmentReference.As.VIEW)
                    : new SegmentReference(t.id(), SegmentReference.As.VIEW, t.firstRow(), t.rowCount());
        }
        SegmentId id = PublishedValues.idOf(value);
        if (id == null) {
            return null; // never published, or replaced/removed since: ship (or refuse) the value itself
        }
        return new SegmentReference(id, value instanceof Table ? SegmentReference.As.TABLE_COPY : SegmentReference.As.OBJECT);
    }
}
