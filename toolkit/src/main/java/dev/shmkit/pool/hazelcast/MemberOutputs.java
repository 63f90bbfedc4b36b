package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.OutputRunner;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.TaskContext;
import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.Reservation;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.OutputLayout;
import dev.shmkit.table.OutputSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A member's side of output tables: per caller's draft, a member-local draft with the same layout
 *
 * <pre>
 *   &lt;member dir&gt;/c-&lt;caller uuid&gt;/.tmp/out.v4.p&lt;member pid&gt;.arrow   (0600, the caller's length)
 * </pre>
 *
 * that the job's tasks write in place (as local workers write the caller's draft); after each task, the
 * written column slices of its rows go back to the caller in {@value SegmentShipper#CHUNK_BYTES}-byte
 * chunks, each with its CRC-32C ({@link ReturnCalls.ReturnRows}), and the task answers only when the caller
 * has written them all into its draft. The local draft is removed when the caller's job ends
 * ({@link ReturnCalls.DropOutput}) or the caller leaves.
 */
final class MemberOutputs {
    /** Chunks in flight to the caller from one task: the next is read while the caller writes the previous. */
    private static final int WINDOW = 3;
    /** A chunk the caller does not acknowledge by then: it is gone or wedged. */
    private static final long CHUNK_TIMEOUT_S = 120;

    private final MemberSegments segments;
    private final long pid = ProcessHandle.current().pid();
    /** Local drafts by caller and the caller's draft id. */
    private final Map<String, Local> drafts = new ConcurrentHashMap<>();
    private volatile HazelcastInstance hz;

    /** A member-local draft: its id and a read handle on its mapping (shared with the tasks' writers). */
    private record Local(SegmentId theirs, SegmentId id, Path file, Mapping mapping) {
    }

    MemberOutputs(MemberSegments segments) {
        this.segments = segments;
    }

    void instance(HazelcastInstance instance) {
        this.hz = instance;
    }

    private static String key(String caller, SegmentId draft) {
        return caller + "|" + draft;
    }

    /** The job's runner over this member's own draft (made now if the job is the first here to write it). */
    ChunkRunner prepare(String caller, OutputRunner r, SegmentId localTable) {
        OutputLayout theirs = r.output();
        Local l = drafts.computeIfAbsent(key(caller, theirs.draft()), k -> create(caller, theirs));
        OutputLayout mine = new OutputLayout(l.id(), theirs.rows(), theirs.schema(), theirs.offsets());
        return new Returning(caller, r.relocated(localTable, mine), theirs, l);
    }

    private Local create(String caller, OutputLayout layout) {
        SegmentId d = layout.draft();
        long need = 0;
        OutputSchema s = layout.schema();
        for (int i = 0; i < s.columnCount(); i++) {
            need = Math.max(need, layout.offsets()[i] + (long) layout.rows() * s.type(i).width());
        }
        Path cdir = PrivatePaths.directory(segments.callerDirectory(caller), "member space directory");
        Path tmp = PrivatePaths.directory(cdir.resolve(".tmp"), "member draft directory");
        Path file = tmp.resolve(SegmentFile.fileName(d.name(), d.version(), pid, d.kind()));
        try {
            Files.deleteIfExists(file);
            PrivatePaths.createFile(file);
            Reservation.reserve(file, Mapping.readWriteLength(file, Math.max(need, 1)));
        } catch (IOException e) {
            throw new ClusterException("output " + d + ": cannot create member draft file=" + file + ": " + e, e);
        }
        SegmentId local = SegmentId.of(cdir, d.name(), d.version(), d.kind());
        return new Local(d, local, file, LocalSegmentSource.get().map(local));
    }

    /** The caller's job writing {@code draft} ended: unmaps and removes this member's draft. Returns 1 if one was held. */
    int drop(String caller, SegmentId draft) {
        Local l = drafts.remove(key(caller, draft));
        if (l == null) {
            return 0;
        }
        SegmentCache.process().evict(l.id());
        l.mapping().close();
        try {
            Files.deleteIfExists(l.file());
        } catch (IOException ignored) {
            // in the caller's member directory, removed with it when the caller leaves
        }
        return 1;
    }

    /** The caller left: all its drafts go. */
    void dropCaller(String caller) {
        drafts.entrySet().stream().filter(e -> e.getKey().startsWith(caller + "|")).map(e -> e.getValue().theirs())
                .toList().forEach(d -> drop(caller, d));
    }

    /** Runs a task into the local draft, then sends its rows back and waits until the caller wrote them. */
    private final class Returning implements ChunkRunner {
        private static final long serialVersionUID = 1L;
        private final transient String caller;
        private final transient OutputRunner local;
        private final transient OutputLayout theirs;
        private final transient Local draft;

        Returning(String caller, OutputRunner local, OutputLayout theirs, Local draft) {
            this.caller = caller;
            this.local = local;
            this.theirs = theirs;
            this.draft = draft;
        }

        @Override
        public Object run(Object input, TaskContext context) throws Exception {
            Object r = local.run(input, context);
            RowRange rows = (RowRange) input;
            Member to = callerMember();
            Member self = hz.getCluster().getLocalMember();
            Deque<Future<Long>> window = new ArrayDeque<>();
            OutputSchema s = theirs.schema();
            for (int i = 0; i < s.columnCount(); i++) {
                int w = s.type(i).width();
                long start = theirs.offsets()[i] + (long) rows.from() * w;
                long end = theirs.offsets()[i] + (long) rows.to() * w;
                for (long at = start; at < end; at += SegmentShipper.CHUNK_BYTES) {
                    int n = (int) Math.min(SegmentShipper.CHUNK_BYTES, end - at);
                    byte[] bytes = draft.mapping().copyBytes(at, n, "output '" + theirs.draft().name() + "' rows " + rows);
                    CRC32C c = new CRC32C();
                    c.update(bytes);
                    window.addLast(hz.getExecutorService(HazelcastConfigs.CONTROL).submitToMember(new ReturnCalls.ReturnRows(
                            theirs.draft(), at, bytes, (int) c.getValue(), MemberInfo.address(self), pid), to));
                    if (window.size() >= WINDOW) {
                        window.removeFirst().get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);
                    }
                }
            }
            while (!window.isEmpty()) {
                window.removeFirst().get(CHUNK_TIMEOUT_S, TimeUnit.SECONDS);
            }
            return r;
        }

        private Member callerMember() {
            for (Member m : hz.getCluster().getMembers()) {
                if (m.getUuid().equals(UUID.fromString(caller))) {
                    return m;
                }
            }
            throw new ClusterException("output '" + theirs.draft().name() + "': caller " + caller + " left the cluster;"
                    + " the rows written here have nowhere to go");
        }
    }
}
