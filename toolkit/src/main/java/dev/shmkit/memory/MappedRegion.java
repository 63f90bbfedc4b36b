package dev.shmkit.memory;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code mmap} of one file, shared by every {@link Mapping} handle over it and unmapped when
 * the last handle is released (closed, or collected unclosed). Holds no reference to its handles,
 * so a handle nobody references can be cleaned.
 */
final class MappedRegion {
    final Path path;
    final long length;
    final boolean writable;
    final BytesStore<?, ?> store;
    final long address;
    private final MappedBytes bytes;
    /** Key under which {@link Mapping#shared} registered it, or null. */
    volatile Object key;
    private int refs;
    /** Volatile: read on every access through a handle, without taking the monitor. */
    private volatile boolean unmapped;
    private List<Runnable> afterUnmap = new ArrayList<>();

    /** mmap calls this process made (a statistic: tests check "mapped once"; leak checks read /proc). */
    static final java.util.concurrent.atomic.AtomicLong CREATED = new java.util.concurrent.atomic.AtomicLong();

    /** Regions mapped now, for naming the file behind a fault that surfaced late ({@link Mapping#explainFault}). */
    static final java.util.Set<MappedRegion> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MappedRegion(Path path, long length, boolean writable, MappedBytes bytes) {
        CREATED.incrementAndGet();
        this.path = path;
        this.length = length;
        this.writable = writable;
        this.bytes = bytes;
        this.store = bytes.bytesStore();
        this.address = store.addressForRead(0);
        LIVE.add(this);
    }

    /** Adds a handle; false when the region was unmapped meanwhile. */
    synchronized boolean acquire() {
        if (unmapped) {
            return false;
        }
        refs++;
        return true;
    }

    boolean isUnmapped() {
        return unmapped;
    }

    /** Runs {@code action} right after the unmap (at once when already unmapped). */
    void whenUnmapped(Runnable action) {
        synchronized (this) {
            if (!unmapped) {
                afterUnmap.add(action);
                return;
            }
        }
        action.run();
    }

    /** Drops a handle; the last one unmaps (synchronously) and runs the after-unmap actions. */
    void release() {
        List<Runnable> actions;
        synchronized (this) {
            if (unmapped || --refs > 0) {
                return;
            }
            unmapped = true;
            actions = afterUnmap;
            afterUnmap = List.of();
        }
        Mapping.forget(this);
        LIVE.remove(this);
        try {
            bytes.releaseLast();
        } finally {
            for (Runnable r : actions) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // an after-unmap action (unlinking a retired file) is best effort; sweep() catches up
                }
            }
        }
    }
}
