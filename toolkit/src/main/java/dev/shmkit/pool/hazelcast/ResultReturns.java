package dev.shmkit.pool.hazelcast;

import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.space.SpaceOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The caller's side of big task results on a cluster: a member writes a result over the job's
 * threshold as an object segment in its own directory (as a local worker does into the pool's results
 * directory), then sends its bytes here in chunks, each with its CRC-32C, the last with the whole file's.
 * They are written into this caller's results directory
 *
 * <pre>
 *   &lt;space base&gt;/.pools/&lt;caller pid&gt;.cluster&lt;n&gt;/results/m&lt;member pid&gt;-t&lt;job&gt;-&lt;task&gt;-&lt;n&gt;.res   (0600)
 * </pre>
 *
 * which the task's answer names; the pool maps it as a {@code ResultSegment} (deleted when the job's
 * result is closed). The directory goes when the pool closes.
 */
final class ResultReturns {
    /** The only names a member may send: never a path. */
    private static final Pattern NAME = Pattern.compile("m[0-9]+-t[0-9]+-[0-9]+-[0-9]+\\.res");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Path dir;
    private final Map<String, Receiving> receiving = new ConcurrentHashMap<>();

    private static final class Receiving {
        final FileChannel channel;
        final CRC32C crc = new CRC32C();
        long received;

        Receiving(FileChannel channel) {
            this.channel = channel;
        }
    }

    private ResultReturns(Path dir) {
        this.dir = dir;
    }

    /** Makes this caller's results directory under the space base directory. */
    static ResultReturns create() {
        Path pools = SpaceOptions.baseDirectory().resolve(".pools");
        try {
            PrivatePaths.directory(SpaceOptions.baseDirectory(), "space base directory");
            PrivatePaths.directory(pools, "pool directory");
            Path d = PrivatePaths.directory(pools.resolve(ProcessHandle.current().pid() + ".cluster" + SEQ.incrementAndGet()),
                    "cluster pool directory");
            return new ResultReturns(PrivatePaths.directory(d.resolve("results"), "cluster results directory"));
        } catch (RuntimeException e) {
            throw new ClusterException("cluster pool: creating the results directory under " + pools + " failed: " + e
                    + " (set -Dshmkit.dir or SHMKIT_DIR to a writable directory)", e);
        }
    }

    /** The results directory. */
    Path directory() {
        return dir;
    }

    /** The file a member's answer names, checked to be a plain result name. */
    Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ClusterException("result segment name='" + name + "' is not m<pid>-t<job>-<task>-<n>.res"
                    + " (a member of another shmkit version?)");
        }
        return dir.resolve(name);
    }

    /** Writes one chunk (in order) of result file {@code name}; the last checks length and whole CRC-32C. */
    void chunk(String name, FileChunk chunk) throws IOException {
        Path file = file(name);
        try {
            chunk.checkCrc("result " + name, "the task fails and is retried");
        } catch (ClusterException e) {
            abort(name);
            throw e;
        }
        long offset = chunk.offset();
        byte[] bytes = chunk.bytes();
        Receiving r;
        if (offset == 0) {
            abort(name);
            Files.deleteIfExists(file);
            r = new Receiving(PrivatePaths.openNew(file));
            receiving.put(name, r);
        } else {
            r = receiving.get(name);
        }
        if (r == null || r.received != offset) {
            abort(name);
            throw new ClusterException("result " + name + ": chunk offset=" + offset + " but received="
                    + (r == null ? "none" : r.received) + " (chunks come in order; the task fails and is retried)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            r.channel.write(b, offset + b.position());
        }
        r.crc.update(bytes);
        r.received += bytes.length;
        if (chunk.last()) {
            receiving.remove(name);
            r.channel.close();
            if (r.received != chunk.total() || (int) r.crc.getValue() != chunk.fileCrc()) {
                Files.deleteIfExists(file);
                throw new ClusterException("result " + name + ": received length=" + r.received + " crc32c="
                        + Integer.toHexString((int) r.crc.getValue()) + " but sent length=" + chunk.total() + " crc32c="
                        + Integer.toHexString(chunk.fileCrc()));
            }
        }
    }

    private void abort(String name) throws IOException {
        Receiving r = receiving.remove(name);
        if (r != null) {
            r.channel.close();
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /** Removes the directory and what is still in it (results not adopted by a job). Idempotent. */
    void close() {
        for (String n : receiving.keySet()) {
            try {
                abort(n);
            } catch (IOException ignored) {
                // removed with the directory below
            }
        }
        MemberSegments.deleteTree(dir.getParent());
    }

    @Override
    public String toString() {
        return "ResultReturns[" + dir + "]";
    }
}
