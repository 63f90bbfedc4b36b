package dev.shmkit.pool.hazelcast;

import java.io.Serializable;

/**
 * A task's answer from a member: the Kryo-serialized result and its costs, or the error (class,
 * message, stack) the task threw.
 *
 * @param result      serialized result, null on error
 * @param stats       deserialize, attach, run, serialize nanos; bytes mapped, bytes copied
 * @param errorClass  the error's class name, null on success
 * @param message     the error's message
 * @param trace       the error's stack trace
 */
record TaskOutcome(byte[] result, long[] stats, String errorClass, String message, String trace) implements Serializable {
    static TaskOutcome ok(byte[] result, long... stats) {
        return new TaskOutcome(result, stats, null, null, null);
    }

    static TaskOutcome failed(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return new TaskOutcome(null, null, e.getClass().getName(), String.valueOf(e.getMessage()), w.toString());
    }
}
