package dev.shmkit.pool.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A task's answer from a member: the Kryo-serialized result and its costs, or the error (class,
 * message, stack) the task threw. One per task, so written with Hazelcast's DataSerializable (a few
 * fields) rather than Java serialization (class descriptors every time).
 */
final class TaskOutcome implements DataSerializable {
    /** Costs in {@link #stats()}: deserialize, attach, run, serialize nanos; bytes mapped, bytes copied. */
    static final int STATS = 6;

    private byte[] result;
    /** The caller's result file of a big result (then {@link #result} is null). */
    private String segment;
    private long segmentBytes;
    private long[] stats;
    private String errorClass;
    private String message;
    private String trace;

    /** For Hazelcast's deserialization. */
    TaskOutcome() {
    }

    private TaskOutcome(byte[] result, long[] stats, String errorClass, String message, String trace) {
        this.result = result;
        this.stats = stats;
        this.errorClass = errorClass;
        this.message = message;
        this.trace = trace;
    }

    static TaskOutcome ok(byte[] result, long... stats) {
        return new TaskOutcome(result, stats, null, null, null);
    }

    static TaskOutcome failed(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return new TaskOutcome(null, null, e.getClass().getName(), String.valueOf(e.getMessage()), w.toString());
    }

    /** The same answer for a result sent as a segment: {@code name} in the caller's results directory. */
    TaskOutcome asSegment(String name, long bytes) {
        TaskOutcome t = new TaskOutcome(null, stats, null, null, null);
        t.segment = name;
        t.segmentBytes = bytes;
        return t;
    }

    /** The caller's result file name of a big result, else null. */
    String segment() {
        return segment;
    }

    /** Length of that file. */
    long segmentBytes() {
        return segmentBytes;
    }

    /** The serialized result, null on error or for a segment. */
    byte[] result() {
        return result;
    }

    /** The task's costs (see {@link #STATS}), null on error. */
    long[] stats() {
        return stats;
    }

    /** The error's class name, null on success. */
    String errorClass() {
        return errorClass;
    }

    String message() {
        return message;
    }

    String trace() {
        return trace;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(errorClass == null);
        if (errorClass == null) {
            out.writeByteArray(result);
            out.writeLongArray(stats);
            out.writeString(segment);
            out.writeLong(segmentBytes);
        } else {
            out.writeString(errorClass);
            out.writeString(message);
            out.writeString(trace);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        if (in.readBoolean()) {
            result = in.readByteArray();
            stats = in.readLongArray();
            segment = in.readString();
            segmentBytes = in.readLong();
        } else {
            errorClass = in.readString();
            message = in.readString();
            trace = in.readString();
        }
    }
}
