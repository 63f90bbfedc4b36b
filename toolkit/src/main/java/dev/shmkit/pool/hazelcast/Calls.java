package dev.shmkit.pool.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.shmkit.job.TaskContext;
import dev.shmkit.pool.WorkerMessageHandler;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.ship.ClassServer;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * What travels through Hazelcast's executor: small Java-serializable calls, each carrying shmkit's own
 * bytes (Kryo-serialized runner and inputs, class bytes, segment chunks), run on a member (or, for a
 * class request, on the caller). Each finds its side's runtime in the instance's user context.
 */
final class Calls {
    private Calls() {
    }

    /** A call that runs with the Hazelcast instance it arrived at. */
    abstract static class Call<T> implements Callable<T>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance hz;

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.hz = instance;
        }

        /** This side's runtime ({@link MemberRuntime} on a member, {@link CallerRuntime} on a caller). */
        @SuppressWarnings("unchecked")
        <R> R runtime(Class<R> type) {
            Object r = hz.getUserContext().get(HazelcastConfigs.RUNTIME);
            if (!type.isInstance(r)) {
                throw new ClusterException("this Hazelcast instance is not a shmkit " + type.getSimpleName()
                        + " (runtime=" + r + "): is a non-shmkit process in the cluster?");
            }
            return (R) r;
        }
    }

    /**
     * One chunk of a segment version, in order; the last carries the whole file's checksum. Written with
     * Hazelcast's DataSerializable (one array copy) rather than Java serialization: chunks are the bulk of the bytes.
     */
    static final class ShipChunk extends Call<Boolean> implements DataSerializable {
        private static final long serialVersionUID = 1L;
        private String caller;
        private SegmentId id;
        private FileChunk chunk;

        /** For Hazelcast's deserialization. */
        ShipChunk() {
        }

        ShipChunk(String caller, SegmentId id, FileChunk chunk) {
            this.caller = caller;
            this.id = id;
            this.chunk = chunk;
        }

        @Override
        public Boolean call() throws Exception {
            return runtime(MemberRuntime.class).segments().chunk(caller, id, chunk) != null;
        }

        static void writeId(ObjectDataOutput out, SegmentId id) throws IOException {
            out.writeString(id.space());
            out.writeString(id.name());
            out.writeLong(id.version());
            out.writeString(id.kind().name());
        }

        static SegmentId readId(ObjectDataInput in) throws IOException {
            return new SegmentId(in.readString(), in.readString(), in.readLong(), SegmentKind.valueOf(in.readString()));
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(caller);
            writeId(out, id);
            chunk.write(out);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            caller = in.readString();
            id = readId(in);
            chunk = FileChunk.read(in);
        }
    }

    /** A job's envelope (as the local pool's): session, runner, JShell variables, pushed classes. */
    static final class SetUpJob extends Call<Boolean> {
        private static final long serialVersionUID = 1L;
        final String caller;
        final long jobId;
        final long session;
        final byte[] runner;
        final byte[] statics;
        final HashMap<String, byte[]> classes;
        final long resultThreshold;

        SetUpJob(String caller, long jobId, long session, byte[] runner, byte[] statics, Map<String, byte[]> classes,
                 long resultThreshold) {
            this.resultThreshold = resultThreshold;
            this.caller = caller;
            this.jobId = jobId;
            this.session = session;
            this.runner = runner;
            this.statics = statics;
            this.classes = new HashMap<>(classes);
        }

        @Override
        public Boolean call() {
            runtime(MemberRuntime.class).setUp(caller, jobId, session, runner, statics, classes, resultThreshold);
            return true;
        }
    }

    /** One task: its Kryo-serialized input (DataSerializable: one per task, see {@link TaskOutcome}). */
    static final class RunTask extends Call<TaskOutcome> implements DataSerializable {
        private static final long serialVersionUID = 1L;
        private String caller;
        private long jobId;
        private long taskId;
        private byte[] input;

        /** For Hazelcast's deserialization. */
        RunTask() {
        }

        RunTask(String caller, long jobId, long taskId, byte[] input) {
            this.caller = caller;
            this.jobId = jobId;
            this.taskId = taskId;
            this.input = input;
        }

        @Override
        public TaskOutcome call() {
            return runtime(MemberRuntime.class).run(caller, jobId, taskId, input);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(caller);
            out.writeLong(jobId);
            out.writeLong(taskId);
            out.writeByteArray(input);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            caller = in.readString();
            jobId = in.readLong();
            taskId = in.readLong();
            input = in.readByteArray();
        }
    }

    /** Drops a job's queued tasks and interrupts its running ones. */
    static final class CancelJob extends Call<Boolean> {
        private static final long serialVersionUID = 1L;
        final String caller;
        final long jobId;

        CancelJob(String caller, long jobId) {
            this.caller = caller;
            this.jobId = jobId;
        }

        @Override
        public Boolean call() {
            runtime(MemberRuntime.class).cancel(caller, jobId);
            return true;
        }
    }

    /** Gives up the tasks a caller's slot held (the slot ran over its timeout and was replaced). */
    static final class AbandonTasks extends Call<Boolean> {
        private static final long serialVersionUID = 1L;
        final String caller;
        final long[] taskIds;

        AbandonTasks(String caller, long[] taskIds) {
            this.caller = caller;
            this.taskIds = taskIds;
        }

        @Override
        public Boolean call() {
            runtime(MemberRuntime.class).abandon(caller, taskIds);
            return true;
        }
    }

    /** A version was superseded ({@code unmap} false) or removed ({@code unmap} true) in the caller's space. */
    static final class DropSegment extends Call<Integer> {
        private static final long serialVersionUID = 1L;
        final String caller;
        final SegmentId id;
        final boolean unmap;

        DropSegment(String caller, SegmentId id, boolean unmap) {
            this.caller = caller;
            this.id = id;
            this.unmap = unmap;
        }

        @Override
        public Integer call() throws Exception {
            return runtime(MemberRuntime.class).segments().drop(caller, id, unmap);
        }
    }

    /** A pool broadcast for a {@link WorkerMessageHandler} of the member's class path. */
    static final class Broadcast extends Call<byte[]> {
        private static final long serialVersionUID = 1L;
        final String kind;
        final byte[] payload;

        Broadcast(String kind, byte[] payload) {
            this.kind = kind;
            this.payload = payload;
        }

        @Override
        public byte[] call() throws Exception {
            runtime(MemberRuntime.class);
            for (WorkerMessageHandler h : ServiceLoader.load(WorkerMessageHandler.class, Calls.class.getClassLoader())) {
                if (h.kind().equals(kind)) {
                    byte[] r = h.handle(payload, new TaskContext());
                    return r == null ? new byte[0] : r;
                }
            }
            throw new ClusterException("member has no handler for message kind=" + kind);
        }
    }

    /** Tells a member to exit (after answering). */
    static final class StopMember extends Call<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() {
            runtime(MemberRuntime.class);
            Thread t = new Thread(() -> System.exit(0), "shmkit-member-stop");
            t.start();
            return ProcessHandle.current().pid();
        }
    }

    /** Runs on the caller: the bytes of a class of a session that a job did not push. */
    static final class FetchClass extends Call<byte[]> {
        private static final long serialVersionUID = 1L;
        final long session;
        final String name;

        FetchClass(long session, String name) {
            this.session = session;
            this.name = name;
        }

        @Override
        public byte[] call() {
            ClassServer.Answer a = runtime(CallerRuntime.class).classes().lookup(session, name);
            if (a.bytes() == null) {
                throw new ClusterException("class " + name + " of session " + session + ": " + a.error());
            }
            return a.bytes();
        }
    }
}
