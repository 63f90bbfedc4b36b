package dev.shmkit.segment;

import dev.shmkit.memory.Mapping;

/**
 * Resolves a {@link SegmentId} to a mapping of exactly that version. The local source maps the file
 * in the space directory ({@link LocalSegmentSource}); a cluster backend would copy the bytes once
 * per node first.
 */
@FunctionalInterface
public interface SegmentSource {
    /**
     * A mapping of {@code id} (the caller closes it). Read-only for published versions, read-write for
     * a draft being created.
     *
     * @throws SegmentNotFoundException when no file of that version exists any more
     */
    Mapping map(SegmentId id);
}
