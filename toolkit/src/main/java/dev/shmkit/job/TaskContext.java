package dev.shmkit.job;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The worker-side state a {@link ChunkRunner} sees: a per-worker cache (attached segments live
 * here for the worker's lifetime) and the cost counters the task reports back.
 */
public final class TaskContext {
    private final Map<Object, Object> cache = new HashMap<>();
    private long attachNanos;
    private long bytesMapped;
    private long bytesCopied;
    private Path receivedCopy;

    /** Resets the per-task counters; the cache stays. */
    public void reset() {
        attachNanos = 0;
        bytesMapped = 0;
        bytesCopied = 0;
        receivedCopy = null;
    }

    /** The private file the current (copy-mode) task's table was received into, or null. */
    public Path receivedCopy() {
        return receivedCopy;
    }

    /** Set by the worker before it runs a copy-mode task: where the streamed table copy is. */
    public void receivedCopy(Path file) {
        this.receivedCopy = file;
    }

    /** The cached value for {@code key}, creating it (and counting the time as attach time) once. */
    @SuppressWarnings("unchecked")
    public <V> V cached(Object key, Supplier<V> create) {
        Object v = cache.get(key);
        if (v == null) {
            long t0 = System.nanoTime();
            v = create.get();
            attachNanos += System.nanoTime() - t0;
            cache.put(key, v);
        }
        return (V) v;
    }

    /** Removes and returns a cached value (the caller closes it). */
    public Object evict(Object key) {
        return cache.remove(key);
    }

    /** All cached values, for closing them when the worker exits. */
    public Iterable<Object> cachedValues() {
        return cache.values();
    }

    /** Counts time spent attaching (mapping) input. */
    public void addAttachNanos(long nanos) {
        attachNanos += nanos;
    }

    /** Counts bytes the task reads in place from shared memory. */
    public void addBytesMapped(long n) {
        bytesMapped += n;
    }

    /** Counts bytes the task copied. */
    public void addBytesCopied(long n) {
        bytesCopied += n;
    }

    /** Attach time of the current task. */
    public long attachNanos() {
        return attachNanos;
    }

    /** Bytes mapped by the current task. */
    public long bytesMapped() {
        return bytesMapped;
    }

    /** Bytes copied by the current task. */
    public long bytesCopied() {
        return bytesCopied;
    }
}
