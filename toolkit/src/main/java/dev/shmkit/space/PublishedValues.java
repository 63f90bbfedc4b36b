package dev.shmkit.space;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which in-process objects were published, and as which version: the shipper asks it so that a task
 * reading a notebook variable that holds a published value ships the segment's id instead of a copy.
 */
public final class PublishedValues {
    /** Published value (by identity; Tablesaw tables do not override equals) -> its version. */
    private static final Map<Object, SegmentId> PUBLISHED = Collections.synchronizedMap(new WeakHashMap<>());

    private PublishedValues() {
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
}
