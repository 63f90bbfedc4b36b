package dev.shmkit.pool.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.shmkit.segment.SegmentId;

import java.io.IOException;

/**
 * The calls that bring a cluster job's output back to the caller's space: rows of an output table and
 * chunks of a big result (both run on the caller), and the end of an output job on a member.
 */
final class ReturnCalls {
    private ReturnCalls() {
    }

    /**
     * Runs on the caller: rows of an output table a member's task wrote, back into the caller's draft at
     * their file offset (DataSerializable: these chunks are the bulk of an output's bytes).
     */
    static final class ReturnRows extends Calls.Call<Long> implements DataSerializable {
        private static final long serialVersionUID = 1L;
        private SegmentId draft;
        private long offset;
        private byte[] bytes;
        private int crc;
        private String member;
        private long pid;

        /** For Hazelcast's deserialization. */
        ReturnRows() {
        }

        ReturnRows(SegmentId draft, long offset, byte[] bytes, int crc, String member, long pid) {
            this.draft = draft;
            this.offset = offset;
            this.bytes = bytes;
            this.crc = crc;
            this.member = member;
            this.pid = pid;
        }

        @Override
        public Long call() {
            return runtime(CallerRuntime.class).outputs().write(draft, offset, bytes, crc, new OutputReturns.Sender(member, pid));
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            Calls.ShipChunk.writeId(out, draft);
            out.writeLong(offset);
            out.writeByteArray(bytes);
            out.writeInt(crc);
            out.writeString(member);
            out.writeLong(pid);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            draft = Calls.ShipChunk.readId(in);
            offset = in.readLong();
            bytes = in.readByteArray();
            crc = in.readInt();
            member = in.readString();
            pid = in.readLong();
        }
    }

    /** Runs on the caller: one chunk (in order) of a big task result, into the caller's results directory. */
    static final class ReturnResult extends Calls.Call<Boolean> implements DataSerializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private FileChunk chunk;

        /** For Hazelcast's deserialization. */
        ReturnResult() {
        }

        ReturnResult(String name, FileChunk chunk) {
            this.name = name;
            this.chunk = chunk;
        }

        @Override
        public Boolean call() throws Exception {
            runtime(CallerRuntime.class).results().chunk(name, chunk);
            return true;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(name);
            chunk.write(out);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            name = in.readString();
            chunk = FileChunk.read(in);
        }
    }

    /** The caller's job writing output {@code draft} ended: the member removes its own draft of it. */
    static final class DropOutput extends Calls.Call<Integer> {
        private static final long serialVersionUID = 1L;
        final String caller;
        final SegmentId draft;

        DropOutput(String caller, SegmentId draft) {
            this.caller = caller;
            this.draft = draft;
        }

        @Override
        public Integer call() {
            return runtime(MemberRuntime.class).outputs().drop(caller, draft);
        }
    }
}
