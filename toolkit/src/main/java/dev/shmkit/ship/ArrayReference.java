package dev.shmkit.ship;

import dev.shmkit.array.ElementType;
import dev.shmkit.array.SharedArray;
import dev.shmkit.segment.SegmentId;

/**
 * What a worker receives instead of a notebook variable holding a {@link SharedArray}: the array's
 * {@link SegmentId}. The worker maps the same pages (read-write while the array is a draft), once per
 * worker and version ({@link SharedArray#received}); nothing is copied.
 */
final class ArrayReference implements SharedReference {
    private static final long serialVersionUID = 1L;
    private final SegmentId id;
    private final ElementType type;
    private transient long mapped;

    ArrayReference(SegmentId id, ElementType type) {
        this.id = id;
        this.type = type;
    }

    @Override
    public Object materialize() {
        SharedArray a = SharedArray.received(id, type);
        mapped = a.bytes();
        return a;
    }

    @Override
    public long bytesMapped() {
        return mapped;
    }

    @Override
    public String toString() {
        return "ArrayReference[" + id + " " + type.javaName() + "[] in " + id.space() + "]";
    }
}
