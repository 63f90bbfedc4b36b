package dev.shmkit.pool.hazelcast;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.shmkit.object.ObjectWriter;
import dev.shmkit.segment.PrivatePaths;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A member's side of task results: the one place that decides, as a local worker's result writer does,
 * whether a result goes inline in the task's answer or as a result segment. A result holding a primitive
 * array of at least the job's threshold, or whose Kryo form reaches it, is written as an object segment
 * ({@link ObjectWriter}) into the member's directory for that caller, sent to the caller in
 * {@value SegmentShipper#CHUNK_BYTES}-byte chunks ({@link ReturnCalls.ReturnResult}, CRC-32C each and whole)
 * and removed here; the answer then names the caller's file ({@link ResultReturns}).
 */
final class MemberResults {
    /** A chunk the caller does not acknowledge by then: it is gone or wedged. */
    private static final long CHUNK_TIMEOUT_S = 120;
    private static final AtomicLong SEQ = new AtomicLong();

    private final MemberSegments segments;
    private final long pid = ProcessHandle.current().pid();
    private volatile HazelcastInstance hz;

    /** A result: inline Kryo bytes, or the name of the caller's result file and its length. */
    record Encoded(byte[] inline, String segment, long segmentBytes) {
    }

    MemberResults(MemberSegments segments) {
        this.segments = segments;
    }

    void instance(HazelcastInstance instance) {
        this.hz = instance;
    }

    Encoded encode(String caller, long jobId, long taskId, Object result, long threshold, Kryo kryo) throws Exception {
        Output o = new Output(256, -1);
        if (threshold <= 0 || result instanceof tech.tablesaw.api.Table) {  // a table: inline, as before (no Arrow result file yet)
            kryo.writeClassAndObject(o, result);
        } else if (!ObjectWriter.serializeInline(kryo, o, result, threshold) || o.position() >= threshold) {
            return segment(caller, jobId, taskId, result, kryo);
        }
        return new Encoded(Arrays.copyOf(o.getBuffer(), o.position()), null, 0);
    }

    private Encoded segment(String caller, long jobId, long taskId, Object result, Kryo kryo) throws Exception {
        String name = "m" + pid + "-t" + jobId + "-" + taskId + "-" + SEQ.incrementAndGet() + ".res";
        Path cdir = PrivatePaths.directory(segments.callerDirectory(caller), "member space directory");
        Path file = PrivatePaths.directory(cdir.resolve(".results"), "member results directory").resolve(name);
        try {
            PrivatePaths.createFile(file);
            ObjectWriter.write(result, file, pid, kryo);
            return new Encoded(null, name, send(caller, name, file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Sends the file to the caller, chunk after chunk (each acknowledged once written there); returns its length. */
    private long send(String caller, String name, Path file) throws Exception {
        Member to = callerMember(caller);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = ch.size();
            CRC32C whole = new CRC32C();
            long offset = 0;
            do {
                FileChunk chunk = FileChunk.read(ch, total, offset, whole);
                hz.getExecutorService(HazelcastConfigs.CONTROL).submitToMember(new ReturnCalls.ReturnResult(name, chunk), to)
                        .get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);
                offset = chunk.end();
            } while (offset < total);
            return total;
        }
    }

    private Member callerMember(String caller) {
        for (Member m : hz.getCluster().getMembers()) {
            if (m.getUuid().equals(UUID.fromString(caller))) {
                return m;
            }
        }
        throw new ClusterException("result: caller " + caller + " left the cluster; the result has nowhere to go");
    }
}
