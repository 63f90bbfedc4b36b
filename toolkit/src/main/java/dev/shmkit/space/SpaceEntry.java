package dev.shmkit.space;

import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One entry of a space as {@link SharedSpace#list()} reports it.
 *
 * @param rows        rows of a table, -1 for an object or a damaged entry
 * @param columns     columns of a table, -1 for an object or a damaged entry
 * @param valueType   column summary of a table or class name of an object; {@code "damaged: <reason>"} for a
 *                    version that cannot be read
 * @param publisherAlive whether the publishing process still runs (if not, a sweep may remove the entry)
 * @param damage      why this version cannot be read (corrupt, truncated, unknown format), or null when it can
 */
public record SpaceEntry(String name, SegmentKind kind, long version, long bytes, long rows, int columns,
                         String valueType, long publisherPid, boolean publisherAlive, Instant created, Path path,
                         String damage) {
    /** What {@link #valueType()} starts with for a damaged entry. */
    public static final String DAMAGED = "damaged";

    /** An entry that could be read. */
    public SpaceEntry(String name, SegmentKind kind, long version, long bytes, long rows, int columns,
                      String valueType, long publisherPid, boolean publisherAlive, Instant created, Path path) {
        this(name, kind, version, bytes, rows, columns, valueType, publisherPid, publisherAlive, created, path, null);
    }

    /** Whether this version could not be read ({@link #damage()} says why). */
    public boolean damaged() {
        return damage != null;
    }

    /** The identity of this version. */
    public SegmentId id() {
        return SegmentId.of(path.getParent(), name, version, kind);
    }
}
