package dev.shmkit.job;

import dev.shmkit.object.ChunkList;

import java.util.List;

/** Applies a function to each item of a chunk; the input is the chunk's items as a list. */
public final class ItemsRunner<T, R> implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<T, R> fn;

    /** Wraps {@code fn}. */
    public ItemsRunner(SerializableFunction<T, R> fn) {
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(Object input, TaskContext context) {
        List<T> items = (List<T>) input;
        int n = items.size();
        ChunkList<R> out = new ChunkList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fn.apply(items.get(i)));
        }
        return out;
    }
}
