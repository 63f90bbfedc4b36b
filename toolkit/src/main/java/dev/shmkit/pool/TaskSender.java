package dev.shmkit.pool;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.object.Kryos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Serializes a task's input and appends its frames (the job's set-up frame first, once per
 * worker) to the worker's outgoing batch. Used under the scheduler's lock.
 */
final class TaskSender {
    private final Map<ClassLoader, Kryo> kryos = new IdentityHashMap<>();
    /** A serialization buffer grown past this by a big task is dropped after it, not kept for the pool's life. */
    private static final int KEEP_BUFFER_BYTES = 4 << 20;
    /** Inputs from this size on are written from the serialization buffer instead of being copied into the frame batch. */
    private static final int DIRECT_BYTES = 1 << 20;
    private Output output = new Output(4096, -1);

    void send(WorkerHandle w, TaskRun t) {
        JobRun job = t.job;
        if (job.shippedTo.add(w)) {
            w.out.begin(Frame.JOB).putLong(job.id).putLong(job.sessionId).putBytes(job.runnerBytes)
                    .putBytes(job.staticBytes).end();
        }
        long t0 = System.nanoTime();
        output.reset();
        kryos.computeIfAbsent(job.loader, Kryos::newKryo).writeClassAndObject(output, t.input);
        int n = output.position();
        if (n < DIRECT_BYTES) {
            w.out.begin(Frame.TASK).putLong(job.id).putLong(t.taskId).putBytes(output.getBuffer(), 0, n).end();
        } else {
            // A big input (a copy-mode table) goes out straight from the serialization buffer: one copy fewer.
            w.out.begin(Frame.TASK).putLong(job.id).putLong(t.taskId).putInt(n).endWithTail(n);
            try {
                w.channel().write(w.out, ByteBuffer.wrap(output.getBuffer(), 0, n));
            } catch (IOException e) {
                w.out.clear();  // the worker is dying; its exit hook requeues the tasks
            }
        }
        long now = System.nanoTime();
        t.shipNanos = now - t0;
        t.inputBytes = n;
        t.dispatchNanos = now;
        t.startNanos = w.inFlight.isEmpty() ? now : 0;
        t.worker = w;
        w.inFlight.put(t.taskId, t);
        w.inFlightBytes += t.inputBytes;
        w.state = WorkerState.BUSY;
    }

    /** Drops a serialization buffer that a big task grew, once no task is waiting to reuse it. */
    void trim() {
        if (output.getBuffer().length > KEEP_BUFFER_BYTES) {
            output = new Output(4096, -1);
        }
    }

    static void flush(WorkerHandle w) {
        if (w.out.isEmpty()) {
            return;
        }
        try {
            w.channel().write(w.out);
        } catch (IOException e) {
            w.out.clear();  // the worker is dying; its exit hook requeues the tasks
        }
    }
}
