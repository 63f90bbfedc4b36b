package dev.shmkit.segment;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The identity of one version of one segment: which space (its absolute directory), which entry,
 * which version, what kind. Small and serializable, so jobs carry ids, never paths; a
 * {@link SegmentSource} turns an id back into a mapping. {@code toString()} is {@code big.v3}.
 *
 * <p>A version number is not reused while any file of it exists (current, retired or draft); once
 * every file of a removed name is gone, publishing the name again may start at v1 again.
 *
 * @param space   absolute directory of the space
 * @param name    entry name ({@link SegmentFile#validate})
 * @param version version number, 1 for the first publish
 * @param kind    what the segment holds
 */
public record SegmentId(String space, String name, long version, SegmentKind kind) implements Serializable {
    public SegmentId {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(kind, "kind");
        SegmentFile.validate(name);
        if (version < 1) {
            throw new IllegalArgumentException("segment '" + name + "': version=" + version + " < 1");
        }
    }

    /** An id in the space at {@code directory}. */
    public static SegmentId of(Path directory, String name, long version, SegmentKind kind) {
        return new SegmentId(directory.toAbsolutePath().normalize().toString(), name, version, kind);
    }

    /** The space directory. */
    public Path spaceDirectory() {
        return Path.of(space);
    }

    /** The same entry at another version. */
    public SegmentId withVersion(long v) {
        return new SegmentId(space, name, v, kind);
    }

    @Override
    public String toString() {
        return name + ".v" + version;
    }
}
