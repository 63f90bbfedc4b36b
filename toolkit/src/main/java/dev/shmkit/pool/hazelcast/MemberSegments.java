package dev.shmkit.pool.hazelcast;

import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A member's own copies of its callers' segments, in its local space directory:
 *
 * <pre>
 *   &lt;member dir&gt;/c-&lt;caller uuid&gt;/big.v3.p&lt;member pid&gt;.arrow        a received version (0400)
 *   &lt;member dir&gt;/c-&lt;caller uuid&gt;/.tmp/big.v3.p&lt;member pid&gt;.arrow   being received, chunk by chunk
 * </pre>
 *
 * Each caller has a space directory of its own (two callers may publish the same name and version).
 * Chunks arrive in order, each with its CRC-32C; the last one carries the whole file's, checked before
 * the file is renamed into place. A received version replaces the older versions of its name (their
 * files are unlinked; a task still mapping one keeps its pages until it unmaps).
 */
final class MemberSegments {
    private final Path dir;
    private final long pid = ProcessHandle.current().pid();
    /** Files being received, by caller and version. */
    private final Map<String, Receiving> receiving = new HashMap<>();
    /** Received versions, by caller and the caller's id. */
    private final Map<String, SegmentId> held = new HashMap<>();

    private static final class Receiving {
        final FileChannel channel;
        final Path tmp;
        long received;

        Receiving(FileChannel channel, Path tmp) {
            this.channel = channel;
            this.tmp = tmp;
        }
    }

    MemberSegments(Path dir) {
        this.dir = dir;
    }

    /** The space directory of {@code caller}'s segments on this member. */
    Path callerDirectory(String caller) {
        return dir.resolve("c-" + caller);
    }

    private static String key(String caller, SegmentId id) {
        return caller + "|" + id.space() + "|" + id.name() + "|" + id.version();
    }

    /**
     * Writes one chunk of {@code id} at {@code offset}. The first chunk (offset 0) starts the transfer and
     * comes alone; the middle ones may arrive in any order and at once (positional writes); the last one
     * comes after all others were acknowledged: it checks the length and the whole file's CRC-32C (read
     * back), then publishes the file in the caller's directory. Returns the local id once complete, else null.
     */
    SegmentId chunk(String caller, SegmentId id, FileChunk chunk) throws IOException {
        try {
            chunk.checkCrc("segment " + id, "the next job ships it again");
        } catch (ClusterException e) {
            synchronized (this) {
                abort(caller, id);
            }
            throw e;
        }
        long offset = chunk.offset();
        byte[] bytes = chunk.bytes();
        String k = key(caller, id);
        Receiving r;
        synchronized (this) {
            r = receiving.get(k);
            if (offset == 0) {
                abort(caller, id);
                Path cdir = PrivatePaths.directory(callerDirectory(caller), "member space directory");
                Path tmpDir = PrivatePaths.directory(cdir.resolve(".tmp"), "member draft directory");
                Path tmp = tmpDir.resolve(SegmentFile.fileName(id.name(), id.version(), pid, id.kind()));
                Files.deleteIfExists(tmp);
                r = new Receiving(PrivatePaths.openNew(tmp), tmp);
                receiving.put(k, r);
            }
            if (r == null) {
                throw new ClusterException("segment " + id + ": chunk offset=" + offset + " but no transfer is under way"
                        + " (its first chunk was lost or rejected; the next job ships it again)");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            r.channel.write(b, offset + b.position());
        }
        synchronized (this) {
            r.received += bytes.length;
            if (!chunk.last()) {
                return null;
            }
            receiving.remove(k);
        }
        r.channel.close();
        int actual;
        try (FileChannel read = FileChannel.open(r.tmp, java.nio.file.StandardOpenOption.READ)) {
            actual = crcOf(read, r.received);
        }
        if (r.received != chunk.total() || actual != chunk.fileCrc()) {
            Files.deleteIfExists(r.tmp);
            throw new ClusterException("segment " + id + ": received length=" + r.received + " crc32c="
                    + Integer.toHexString(actual) + " but sent length=" + chunk.total() + " crc32c="
                    + Integer.toHexString(chunk.fileCrc()) + " (the next job ships it again)");
        }
        Path target = callerDirectory(caller).resolve(r.tmp.getFileName());
        PrivatePaths.seal(r.tmp);
        Files.move(r.tmp, target, StandardCopyOption.ATOMIC_MOVE);
        SegmentId local = SegmentId.of(callerDirectory(caller), id.name(), id.version(), id.kind());
        synchronized (this) {
            dropOlder(caller, id, id.version() - 1, false);
            held.put(k, local);
        }
        return local;
    }

    /** The CRC-32C of the first {@code length} bytes of the file, read back as written. */
    private static int crcOf(FileChannel ch, long length) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (long pos = 0; pos < length; ) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            c.update(buf);
            pos += n;
        }
        return (int) c.getValue();
    }

    private void abort(String caller, SegmentId id) throws IOException {
        Receiving r = receiving.remove(key(caller, id));
        if (r != null) {
            r.channel.close();
            Files.deleteIfExists(r.tmp);
        }
    }

    /** This member's copy of {@code caller}'s {@code id}, or null if it was never received (or dropped). */
    synchronized SegmentId local(String caller, SegmentId id) {
        return held.get(key(caller, id));
    }

    /**
     * Drops {@code caller}'s copies of {@code id}'s name up to {@code id}'s version: unlinks their files and,
     * when {@code unmap}, unmaps them (a removed name; a superseded one is unmapped when the newer is first used).
     */
    synchronized int drop(String caller, SegmentId id, boolean unmap) throws IOException {
        return dropOlder(caller, id, id.version(), unmap);
    }

    private int dropOlder(String caller, SegmentId id, long upTo, boolean unmap) throws IOException {
        int n = 0;
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            SegmentId l = e.getValue();
            if (e.getKey().startsWith(caller + "|" + id.space() + "|" + id.name() + "|") && l.version() <= upTo) {
                it.remove();
                Files.deleteIfExists(l.spaceDirectory().resolve(SegmentFile.fileName(l.name(), l.version(), pid, l.kind())));
                if (unmap) {
                    SegmentCache.process().evict(l);
                }
                n++;
            }
        }
        return n;
    }

    /** Drops everything of {@code caller} (it left the cluster): unmaps and removes its directory. */
    synchronized void dropCaller(String caller) {
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith(caller + "|")) {
                SegmentCache.process().evict(e.getValue());
                it.remove();
            }
        }
        for (var it = receiving.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith(caller + "|")) {
                try {
                    e.getValue().channel.close();
                } catch (IOException ignored) {
                    // the directory goes below
                }
                it.remove();
            }
        }
        deleteTree(callerDirectory(caller));
    }

    /** Removes {@code root} and everything under it, quietly (a member leaving or a caller gone). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what stays is in the member's own directory, swept when it exits
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
