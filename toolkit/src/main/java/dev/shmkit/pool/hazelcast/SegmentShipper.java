package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Sends a segment version's bytes to a member once: the first job that needs {@code big} v3 on a
 * member ships the file in {@value #CHUNK_BYTES}-byte chunks, each with its CRC-32C (the last with the
 * whole file's), and every later job on that member reuses the member's copy. A newer version is
 * shipped again (the member then drops the older); a member that left, or a version removed, is forgotten.
 */
final class SegmentShipper {
    /** 8 MiB: big enough that a round trip per chunk costs little, small enough for Hazelcast's packets and heaps. */
    static final int CHUNK_BYTES = 8 << 20;
    /** Chunks in flight to one member: the next is read and sent while the member writes the previous ones. */
    static final int WINDOW = 3;
    /** One chunk that is not acknowledged by then: the member is gone or wedged. */
    private static final long CHUNK_TIMEOUT_S = 120;

    private final String caller;
    private final IExecutorService control;
    private final ClusterStats stats;
    private final Executor async;
    /** Per member and version: the ship, done or under way. */
    private final Map<Key, CompletableFuture<Void>> ships = new ConcurrentHashMap<>();

    private record Key(java.util.UUID member, SegmentId id) {
    }

    SegmentShipper(String caller, IExecutorService control, ClusterStats stats, Executor async) {
        this.caller = caller;
        this.control = control;
        this.stats = stats;
        this.async = async;
    }

    /** Completes when {@code m} holds {@code id}, shipping it if this is the first time. */
    CompletableFuture<Void> ensure(Member m, SegmentId id, long jobId) {
        return ships.compute(new Key(m.getUuid(), id), (k, f) -> f != null && !f.isCompletedExceptionally() ? f
                : CompletableFuture.runAsync(() -> ship(m, id, jobId), async));
    }

    private void ship(Member m, SegmentId id, long jobId) {
        Path file = LocalSegmentSource.get().locateFile(id).orElseThrow(() -> new ClusterException("segment " + id
                + " in space " + id.space() + " has no file any more (removed while the job started?)"));
        if (SegmentFile.parse(file) == null) {
            throw new ClusterException("table file=" + file + " is not a segment of a space, so it cannot be shipped to"
                    + " cluster members; publish it first (space.publish(\"name\", table))");
        }
        long t0 = System.nanoTime();
        // Mapped while read: a space recycles the file of a version only when no process maps it.
        try (Mapping held = LocalSegmentSource.get().map(id); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = ch.size();
            CRC32C whole = new CRC32C();
            Deque<Future<Boolean>> window = new ArrayDeque<>();
            long offset = 0;
            do {
                FileChunk chunk = FileChunk.read(ch, total, offset, whole);
                if (chunk.last()) {
                    while (!window.isEmpty()) {
                        window.removeFirst().get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);  // all others written before the last
                    }
                }
                Future<Boolean> f = control.submitToMember(new Calls.ShipChunk(caller, id, chunk), m);
                if (offset == 0 || chunk.last()) {
                    f.get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);  // the first starts the transfer; the last ends it
                } else {
                    window.addLast(f);
                    if (window.size() >= WINDOW) {
                        window.removeFirst().get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);
                    }
                }
                offset = chunk.end();
            } while (offset < total);
            stats.shipped(jobId, MemberInfo.address(m), MemberInfo.pid(m), total, System.nanoTime() - t0);
        } catch (IOException e) {
            throw new ClusterException("segment " + id + ": reading file=" + file + " to ship it failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("segment " + id + ": interrupted while shipping it to member " + MemberInfo.address(m), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new ClusterException("segment " + id + ": shipping it to member " + MemberInfo.address(m) + " failed: "
                    + c, c);
        }
    }

    /** A member left: its copies are gone with it. */
    void forget(Member m) {
        ships.keySet().removeIf(k -> k.member().equals(m.getUuid()));
    }

    /** A version (and the older ones of its name) was superseded or removed. */
    void forget(SegmentId id) {
        ships.keySet().removeIf(k -> k.id().space().equals(id.space()) && k.id().name().equals(id.name())
                && k.id().version() <= id.version());
    }
}
