package dev.shmkit.pool.local;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.TaskContext;
import dev.shmkit.memory.Mapping;
import dev.shmkit.object.Kryos;
import dev.shmkit.pool.WorkerMessageHandler;
import dev.shmkit.ship.SharedReference;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The worker's task thread: sets up jobs ({@link Frame#JOB}) and runs tasks ({@link Frame#TASK})
 * one at a time, in arrival order, answering each task with a result or an error frame.
 */
final class WorkerExecutor implements Runnable {
    /** Jobs whose runner stays deserialized; older ones are dropped (the parent never reuses ids). */
    static final int JOB_CACHE = 16;
    /** Sessions whose loader stays alive; a redefined snippet starts a new session. */
    private static final int SESSION_CACHE = 4;

    private final FrameChannel channel;
    private final Rpc rpc;
    private final ClassLoader baseLoader;
    private final CopyReceiver copies;
    /** Decides inline vs result segment for each task's result, and writes it. */
    private final ResultWriter results;
    /** Message handlers found with ServiceLoader at the first message (not at start: the hello goes first). */
    private volatile Map<String, WorkerMessageHandler> handlers;
    /** {@link Frame}s (jobs, tasks) and {@link Message}s, in arrival order. */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final TaskContext context = new TaskContext();
    private final FrameBuilder out = new FrameBuilder();
    private final Map<Long, Session> sessions = Lru.of(SESSION_CACHE);
    private final Map<Long, JobState> jobs = Lru.of(JOB_CACHE);
    private volatile long runningJob = -1;
    /** Guards {@link #inUserCode} and every interrupt of the task thread. */
    private final Object interruptLock = new Object();
    /** Whether the task thread runs the task's code now (the only time a cancel interrupts it). */
    private boolean inUserCode;
    /** The last job cancelled (guarded by {@link #interruptLock}); -1 before any. */
    private long cancelledJob = -1;
    private volatile long runningTask = -1;
    private volatile Thread thread;

    private record Session(SessionLoader loader, Kryo kryo, Output output) {
    }

    /** A parent's message for a {@link WorkerMessageHandler}, answered through {@code reply}. */
    private record Message(String kind, byte[] payload, CompletableFuture<byte[]> reply) {
    }

    /**
     * setupCopied/setupMapped: bytes shared references cost at job setup, reported with the first task;
     * resultThreshold: the job's result segment threshold (0 = never).
     */
    private record JobState(Session session, ChunkRunner runner, Throwable setupError, long setupNanos,
                            long setupCopied, long setupMapped, long resultThreshold) {
        JobState(Session session, ChunkRunner runner, Throwable setupError, long setupNanos, long resultThreshold) {
            this(session, runner, setupError, setupNanos, 0, 0, resultThreshold);
        }
    }

    WorkerExecutor(FrameChannel channel, Rpc rpc, ClassLoader baseLoader, CopyReceiver copies, Path resultsDirectory) {
        this.channel = channel;
        this.rpc = rpc;
        this.baseLoader = baseLoader;
        this.copies = copies;
        this.results = new ResultWriter(resultsDirectory);
        context.proxyTransport(new ProxyChannel(rpc));
    }

    private Map<String, WorkerMessageHandler> handlers() {
        Map<String, WorkerMessageHandler> h = handlers;
        if (h == null) {
            h = new HashMap<>();
            for (WorkerMessageHandler m : ServiceLoader.load(WorkerMessageHandler.class, baseLoader)) {
                h.put(m.kind(), m);
            }
            handlers = h;
        }
        return h;
    }

    void enqueue(Frame frame) {
        queue.add(frame);
    }

    /** Runs a parent's message on the task thread, after the tasks queued before it. */
    CompletableFuture<byte[]> enqueueMessage(String kind, byte[] payload) {
        if (!handlers().containsKey(kind)) {
            return CompletableFuture.failedFuture(new Rpc.RemoteException(Rpc.NOT_FOUND, "worker has no handler for "
                    + "message kind=" + kind + " (none registered in META-INF/services/"
                    + WorkerMessageHandler.class.getName() + ")"));
        }
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        queue.add(new Message(kind, payload, reply));
        return reply;
    }

    long runningJob() {
        return runningJob;
    }

    long runningTask() {
        return runningTask;
    }

    /**
     * Drops queued tasks of {@code jobId} and interrupts it if it is running the task's own code. Never
     * while the task thread writes to the control channel: an interrupt closes an interruptible channel,
     * which would end the worker.
     */
    void cancel(long jobId) {
        queue.removeIf(o -> o instanceof Frame f && f.type == Frame.TASK && f.body.getLong(0) == jobId);
        Thread poked = null;
        synchronized (interruptLock) {
            cancelledJob = jobId; // a task of it between the queue and its code must not start that code
            Thread t = thread;
            if (runningJob == jobId && inUserCode && t != null) {
                t.interrupt();
                poked = t;
            }
        }
        if (poked != null) {
            handshake(poked);
        }
    }

    /**
     * A handshake with the task thread, if it still runs the task's code. HotSpot raises a fault in
     * mapped memory (a segment cut under the task) at the thread's next safepoint or handshake, not at
     * the read: a compiled loop would otherwise read on through faulting pages, ignoring the interrupt,
     * until the cancel grace ends the worker. This raises it now, in the task, which then ends.
     */
    void handshakeIfRunning(long taskId) {
        Thread t;
        synchronized (interruptLock) {
            t = runningTask == taskId && inUserCode ? thread : null;
        }
        if (t != null) {
            handshake(t);
        }
    }

    private static void handshake(Thread t) {
        t.getStackTrace();
    }

    /**
     * Opens the window in which a cancel may interrupt the task thread (the task's code, waiting for its
     * copy); refuses to when the task's job was cancelled since the task left the queue (its interrupt
     * would have been lost: the task's code would run on, and the cancel grace end the worker).
     */
    private void enterUserCode() {
        synchronized (interruptLock) {
            if (cancelledJob == runningJob) {
                throw new CancellationException("job=" + runningJob + " was cancelled before task=" + runningTask
                        + " started its code");
            }
            inUserCode = true;
        }
    }

    /** Closes the window and clears an interrupt that arrived in it, before anything writes to the channel. */
    private void leaveUserCode() {
        synchronized (interruptLock) {
            inUserCode = false;
            Thread.interrupted();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (true) {
                Object next = queue.take();
                Thread.interrupted();
                if (next instanceof Message m) {
                    answer(m);
                    continue;
                }
                Frame f = (Frame) next;
                if (f.type == Frame.JOB) {
                    setUpJob(f);
                } else if (f.type == Frame.TASK) {
                    runTask(f);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            WorkerMain.exit(0, "control channel failed: " + e);
        }
    }

    private void setUpJob(Frame f) {
        long jobId = f.getLong();
        long sessionId = f.getLong();
        long resultThreshold = f.getLong();
        byte[] runnerBytes = f.getBytes();
        byte[] staticBytes = f.getBytes();
        long t0 = System.nanoTime();
        Session session = sessions.computeIfAbsent(sessionId, id -> {
            SessionLoader loader = new SessionLoader(id, baseLoader, rpc);
            return new Session(loader, Kryos.newKryo(loader), new Output(4096, -1));
        });
        for (int i = f.getInt(); i > 0; i--) {
            session.loader().offer(f.getString(), f.getBytes());
        }
        Thread.currentThread().setContextClassLoader(session.loader());
        try {
            long[] costs = {0, 0};
            if (staticBytes != null) {
                costs = setStatics(session, (Object[]) session.kryo().readClassAndObject(new Input(staticBytes)));
            }
            ChunkRunner runner = (ChunkRunner) session.kryo().readClassAndObject(new Input(runnerBytes));
            jobs.put(jobId, new JobState(session, runner, null, System.nanoTime() - t0, costs[0], costs[1],
                    resultThreshold));
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            jobs.put(jobId, new JobState(session, null, e, 0, resultThreshold));
        }
    }

    /** Sets the shipped JShell variables; returns {bytes copied, bytes mapped} by shared references. */
    private static long[] setStatics(Session session, Object[] triples) throws ReflectiveOperationException {
        long[] costs = {0, 0};
        for (int i = 0; i < triples.length; i += 3) {
            Class<?> owner = Class.forName((String) triples[i], true, session.loader());
            Field field = owner.getDeclaredField((String) triples[i + 1]);
            field.setAccessible(true);
            Object value = triples[i + 2];
            if (value instanceof SharedReference ref) {
                value = ref.materialize();
                costs[0] += ref.bytesCopied();
                costs[1] += ref.bytesMapped();
            }
            field.set(null, value);
        }
        return costs;
    }

    private void runTask(Frame f) throws IOException {
        long jobId = f.getLong();
        long taskId = f.getLong();
        byte[] input = f.getBytes();
        JobState job = jobs.get(jobId);
        if (job == null || job.runner() == null) {
            Throwable e = job == null ? new IllegalStateException("job=" + jobId + " unknown to this worker") : job.setupError();
            copies.discard(taskId);
            sendError(taskId, e);
            return;
        }
        runningJob = jobId;
        runningTask = taskId;
        context.reset();
        Session s = job.session();
        Thread.currentThread().setContextClassLoader(s.loader());
        try {
            long t0 = System.nanoTime();
            Object in = s.kryo().readClassAndObject(new Input(input));
            long w0 = System.nanoTime();
            long t1;
            long attachBeforeRun;
            Object result;
            enterUserCode();
            try {
                Path copy = copies.await(taskId);
                if (copy != null) {
                    context.receivedCopy(copy);
                    context.addAttachNanos(System.nanoTime() - w0);
                }
                t1 = System.nanoTime();
                attachBeforeRun = context.attachNanos();  // the copy's wait, before t1: not part of the run
                result = job.runner().run(in, context);
            } finally {
                leaveUserCode();
                copies.discard(taskId);  // unmapped by the runner: the copy goes before the result, so a finished job leaves none
            }
            long t2 = System.nanoTime();
            ResultWriter.Encoded r = results.encode(result, jobId, taskId, job.resultThreshold(), s.kryo(), s.output());
            long t3 = System.nanoTime();
            long deser = t1 - t0 + job.setupNanos();
            context.addBytesCopied(job.setupCopied());
            context.addBytesMapped(job.setupMapped());
            if (job.setupNanos() != 0 || job.setupCopied() != 0 || job.setupMapped() != 0) {
                jobs.put(jobId, new JobState(s, job.runner(), null, 0, job.resultThreshold()));
            }
            synchronized (channel.writeLock()) {
                out.begin(Frame.RESULT).putLong(taskId).putLong(jobId).putLong(deser).putLong(context.attachNanos())
                        .putLong(t2 - t1 - (context.attachNanos() - attachBeforeRun)).putLong(t3 - t2)
                        .putLong(context.bytesMapped()).putLong(context.bytesCopied())
                        .putLong(context.proxyRequests()).putLong(context.proxyBytes()).putLong(context.proxyWaitNanos())
                        .putByte(r.kind());
                if (r.fileName() != null) {
                    out.putString(r.fileName());
                } else {
                    out.putBytes(r.bytes(), 0, r.length());
                }
                out.end();
                channel.write(out);
            }
        } catch (StackOverflowError | InternalError | OutOfMemoryError e) {
            copies.discard(taskId);
            // The task's own recursion, a fault reading a mapping, or an OutOfMemoryError the task threw
            // itself (the JVM's own heap exhaustion exits the worker at once: -XX:+ExitOnOutOfMemoryError).
            // A fault that surfaced past the view's catch still names the segment file that was cut.
            SegmentFormatException named = Mapping.explainFault(e);
            sendError(taskId, named != null ? named : e);
        } catch (VirtualMachineError e) {
            WorkerMain.exit(Causes.OUT_OF_MEMORY, "task=" + taskId + " threw " + e);
        } catch (Throwable e) {
            copies.discard(taskId);
            sendError(taskId, e);
        } finally {
            runningJob = -1;
            runningTask = -1;
            copies.discard(taskId);
        }
    }

    private void answer(Message m) {
        try {
            byte[] r = handlers().get(m.kind()).handle(m.payload(), context);
            m.reply().complete(r == null ? new byte[0] : r);
        } catch (Exception | LinkageError e) {
            m.reply().completeExceptionally(e);
        }
    }

    private void sendError(long taskId, Throwable e) throws IOException {
        Throwable root = e;
        StringWriter trace = new StringWriter();
        root.printStackTrace(new PrintWriter(trace));
        synchronized (channel.writeLock()) {
            out.begin(Frame.ERROR).putLong(taskId).putString(root.getClass().getName())
                    .putString(String.valueOf(root.getMessage())).putString(trace.toString()).end();
            channel.write(out);
        }
    }
}
