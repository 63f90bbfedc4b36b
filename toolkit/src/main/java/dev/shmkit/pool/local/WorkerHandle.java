package dev.shmkit.pool.local;

import com.esotericsoftware.kryo.Kryo;
import dev.shmkit.object.Kryos;
import dev.shmkit.pool.JobSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The parent's side of one worker JVM: its process, control channel and request/reply endpoint,
 * what it has been sent (jobs, and classes per session, so nothing is sent twice) and the thread
 * that streams copy-mode inputs to it. Mutable fields are guarded by {@code this}.
 */
final class WorkerHandle {
    /** Jobs remembered per worker to read their results; older ones are dropped (ids are never reused). */
    private static final int JOB_CACHE = 64;

    final int id;
    final Process process;
    final long pid;
    final FrameBuilder out = new FrameBuilder();
    /** Jobs of the tasks sent to this worker, by id, to read their results with the job's loader. */
    final Map<Long, JobSpec> jobs = Lru.of(JOB_CACHE);
    /**
     * Jobs whose set-up this worker still holds: the same size and access order (one touch per task
     * sent) as the worker's own cache, so a job it dropped is set up again.
     */
    final Map<Long, Boolean> setUp = Lru.of(WorkerExecutor.JOB_CACHE);
    /** Classes sent per session (pushed with a job or served on request). */
    final Map<Long, Set<String>> classesSent = new HashMap<>();
    /** Jobs cancelled on this worker: their streams stop. */
    final Set<Long> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<ClassLoader, Kryo> readerKryos = new IdentityHashMap<>();
    private volatile FrameChannel channel;
    private volatile Rpc rpc;
    private ExecutorService streamer;
    /** Why the backend killed this worker, or null. */
    volatile String killReason;
    volatile boolean connected;

    WorkerHandle(int id, Process process) {
        this.id = id;
        this.process = process;
        this.pid = process.pid();
    }

    FrameChannel channel() {
        return channel;
    }

    Rpc rpc() {
        return rpc;
    }

    void attach(FrameChannel ch, Rpc r) {
        this.channel = ch;
        this.rpc = r;
    }

    /** Records that {@code name} of {@code session} reached the worker; false if it had already. */
    synchronized boolean markSent(long session, String name) {
        return classesSent.computeIfAbsent(session, s -> new HashSet<>()).add(name);
    }

    /** The Kryo the reader thread uses for results of jobs whose code comes from {@code loader}. */
    Kryo readerKryo(ClassLoader loader) {
        return readerKryos.computeIfAbsent(loader, Kryos::newKryo);
    }

    synchronized JobSpec job(long jobId) {
        return jobs.get(jobId);
    }

    /** The single thread that streams this worker's copy-mode inputs, one after the other. */
    synchronized ExecutorService streamer() {
        if (streamer == null) {
            streamer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "shmkit-w" + id + "-stream");
                t.setDaemon(true);
                return t;
            });
        }
        return streamer;
    }

    synchronized void stopStreamer() {
        if (streamer != null) {
            streamer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + pid + ")";
    }
}
