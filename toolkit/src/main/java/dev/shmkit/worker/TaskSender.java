package dev.shmkit.worker;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.object.Kryos;

import java.io.IOException;
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
        w.out.begin(Frame.TASK).putLong(job.id).putLong(t.taskId).putBytes(output.getBuffer(), 0, output.position()).end();
        long now = System.nanoTime();
        t.shipNanos = now - t0;
        t.inputBytes = output.position();
        t.dispatchNanos = now;
        t.startNanos = w.inFlight.isEmpty() ? now : 0;
        t.worker = w;
        w.inFlight.put(t.taskId, t);
        w.inFlightBytes += t.inputBytes;
        if (output.getBuffer().length > KEEP_BUFFER_BYTES) {
            output = new Output(4096, -1);
        }
        w.state = WorkerState.BUSY;
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
