package dev.shmkit.pool;

import dev.shmkit.job.TaskContext;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentEvents;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Tells a pool's workers to unmap a version the parent replaced or removed, so a republished name
 * does not stay mapped (and its pages allocated) in every worker until the pool closes. The parent
 * side is a {@link SegmentEvents} listener that broadcasts; the worker side is the
 * {@link WorkerMessageHandler} that drops the version (and older ones of the name) from the worker's
 * {@link SegmentCache}, between tasks.
 */
public final class SegmentEvictions implements WorkerMessageHandler {
    /** Message kind on the wire. */
    static final String KIND = "segment.evict";
    private static final char SEP = '\n';

    /** Registers a listener that sends every superseded or removed version to {@code broadcast}; remove it on close. */
    static SegmentEvents.Listener forward(BiConsumer<String, byte[]> broadcast) {
        return SegmentEvents.addListener(new SegmentEvents.Listener() {
            @Override
            public void superseded(SegmentId old) {
                broadcast.accept(KIND, encode(old));
            }

            @Override
            public void removed(SegmentId id) {
                broadcast.accept(KIND, encode(id));
            }
        });
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public byte[] handle(byte[] payload, TaskContext context) {
        SegmentCache.process().evict(decode(payload));
        return new byte[0];
    }

    static byte[] encode(SegmentId id) {
        return (id.space() + SEP + id.name() + SEP + id.version() + SEP + id.kind().name()).getBytes(StandardCharsets.UTF_8);
    }

    /** The version a message of {@link #KIND} names (a backend that forwards evictions itself reads it). */
    public static SegmentId decode(byte[] payload) {
        String[] p = new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("segment.evict message: fields=" + p.length + " != 4");
        }
        return new SegmentId(p[0], p[1], Long.parseLong(p[2]), SegmentKind.valueOf(p[3]));
    }
}
