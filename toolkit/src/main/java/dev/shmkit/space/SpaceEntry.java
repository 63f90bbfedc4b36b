package dev.shmkit.space;

import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One entry of a space as {@link SharedSpace#list()} reports it.
 *
 * @param rows        rows of a table, -1 for an object
 * @param columns     columns of a table, -1 for an object
 * @param valueType   column summary of a table or class name of an object
 * @param publisherAlive whether the publishing process still runs (if not, a sweep may remove the entry)
 */
public record SpaceEntry(String name, SegmentKind kind, long version, long bytes, long rows, int columns,
                         String valueType, long publisherPid, boolean publisherAlive, Instant created, Path path) {
    /** The identity of this version. */
    public SegmentId id() {
        return SegmentId.of(path.getParent(), name, version, kind);
    }
}
