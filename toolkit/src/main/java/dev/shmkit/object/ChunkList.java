package dev.shmkit.object;

import java.util.ArrayList;
import java.util.Collection;

/**
 * A list that travels as one chunk of a map job. Its Kryo serializer ({@link ChunkListSerializer})
 * writes the element class once when all elements share it, instead of once per element.
 */
public final class ChunkList<E> extends ArrayList<E> {
    private static final long serialVersionUID = 1L;

    /** An empty chunk with room for {@code capacity} elements. */
    public ChunkList(int capacity) {
        super(capacity);
    }

    /** A chunk holding a copy of {@code elements}. */
    public ChunkList(Collection<? extends E> elements) {
        super(elements);
    }
}
