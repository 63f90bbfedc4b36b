package dev.shmkit.segment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells interested parts of this process (the worker pool, which tells its workers to unmap) that a
 * version was superseded by a newer publish or removed. Listeners run synchronously in the thread
 * that published or removed, after the space lock is released; a failing listener does not stop
 * the others.
 */
public final class SegmentEvents {
    /** What a listener hears; both methods default to doing nothing. */
    public interface Listener {
        /** {@code old} was replaced by a newer version of its name (published or sealed). */
        default void superseded(SegmentId old) {
        }

        /** {@code id} was removed ({@code space.remove}, or its owner's space closed). */
        default void removed(SegmentId id) {
        }
    }

    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private SegmentEvents() {
    }

    /** Registers {@code listener}; returns it, for {@link #removeListener}. */
    public static Listener addListener(Listener listener) {
        LISTENERS.add(listener);
        return listener;
    }

    public static void removeListener(Listener listener) {
        LISTENERS.remove(listener);
    }

    static void fireSuperseded(SegmentId old) {
        for (Listener l : LISTENERS) {
            try {
                l.superseded(old);
            } catch (RuntimeException e) {
                // one listener's failure must not keep the others (or the publisher) from going on
            }
        }
    }

    static void fireRemoved(SegmentId id) {
        for (Listener l : LISTENERS) {
            try {
                l.removed(id);
            } catch (RuntimeException e) {
                // as above
            }
        }
    }
}
