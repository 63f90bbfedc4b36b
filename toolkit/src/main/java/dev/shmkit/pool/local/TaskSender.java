package dev.shmkit.pool.local;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.job.StreamedInput;
import dev.shmkit.object.Kryos;
import dev.shmkit.pool.Backend;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.pool.TaskSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of tasks to one worker: the job's set-up frame first (once per worker, with the
 * pushed classes the worker has not had in that session), then each task's serialized input, in
 * one write; a {@link StreamedInput} is announced before its task and its file streamed afterwards
 * by the worker's streaming thread ({@link CopyStreamer}).
 */
final class TaskSender {
    /** Where a worker receives a copy of a file outside any space (the pool's private directory); null in tests. */
    private volatile String fallbackReceiveDirectory;

    /** Sets where copies of files outside any space are received (the pool's private directory). */
    void fallbackReceiveDirectory(java.nio.file.Path dir) {
        this.fallbackReceiveDirectory = dir.toString();
    }

    /** A serialization buffer grown past this by a big task is dropped after it, not kept for the pool's life. */
    private static final int KEEP_BUFFER_BYTES = 4 << 20;
    /** Inputs from this size on are written from the serialization buffer instead of being copied into the frame batch. */
    private static final int DIRECT_BYTES = 1 << 20;
    private final Map<ClassLoader, Kryo> kryos = new IdentityHashMap<>();
    private Output output = new Output(4096, -1);

    synchronized List<Backend.Shipped> send(WorkerHandle w, JobSpec job, List<TaskSpec> tasks) throws IOException {
        List<Backend.Shipped> shipped = new ArrayList<>(tasks.size());
        List<Runnable> streams = new ArrayList<>();
        synchronized (w) {
            w.jobs.put(job.id(), job);
        }
        for (TaskSpec t : tasks) {
            synchronized (w) {
                if (w.setUp.get(job.id()) == null) {
                    writeJob(w, job);
                    w.setUp.put(job.id(), Boolean.TRUE);
                }
            }
            long t0 = System.nanoTime();
            long streamed = 0;
            if (t.input() instanceof StreamedInput s) {
                w.out.begin(Frame.STREAM_OPEN).putLong(job.id()).putLong(t.taskId()).putLong(s.streamBytes())
                        .putString(s.receiveDirectory() != null ? s.receiveDirectory() : fallbackReceiveDirectory).end();
                streamed = s.streamBytes();
                streams.add(() -> CopyStreamer.stream(w, job.id(), t.taskId(), s));
            }
            output.reset();
            kryos.computeIfAbsent(job.loader(), Kryos::newKryo).writeClassAndObject(output, t.input());
            int n = output.position();
            if (n < DIRECT_BYTES) {
                w.out.begin(Frame.TASK).putLong(job.id()).putLong(t.taskId()).putBytes(output.getBuffer(), 0, n).end();
            } else {
                w.out.begin(Frame.TASK).putLong(job.id()).putLong(t.taskId()).putInt(n).endWithTail(n);
                w.channel().write(w.out, ByteBuffer.wrap(output.getBuffer(), 0, n));
            }
            shipped.add(new Backend.Shipped(n + streamed, System.nanoTime() - t0));
        }
        if (!w.out.isEmpty()) {
            w.channel().write(w.out);
        }
        for (Runnable r : streams) {
            w.streamer().execute(r);
        }
        if (output.getBuffer().length > KEEP_BUFFER_BYTES) {
            output = new Output(4096, -1);
        }
        return shipped;
    }

    /** The JOB frame: ids, runner, statics, then the pushed classes this worker lacks in the job's session. */
    private static void writeJob(WorkerHandle w, JobSpec job) {
        List<Map.Entry<String, byte[]>> fresh = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : job.classes().entrySet()) {
            if (w.markSent(job.session(), c.getKey())) {
                fresh.add(c);
            }
        }
        w.out.begin(Frame.JOB).putLong(job.id()).putLong(job.session()).putLong(job.options().resultSegmentThreshold())
                .putBytes(job.runner()).putBytes(job.statics())
                .putInt(fresh.size());
        for (Map.Entry<String, byte[]> c : fresh) {
            w.out.putString(c.getKey()).putBytes(c.getValue());
        }
        w.out.end();
    }
}
