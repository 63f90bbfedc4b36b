package dev.shmkit.pool;

import com.esotericsoftware.kryo.Kryo;
import dev.shmkit.object.Kryos;
import dev.shmkit.ship.ClassServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parent's side of one worker: its process, control channel, the tasks sent to it (in the
 * order it runs them) and the thread that reads its frames. Fields other than the channel and
 * the reader's Kryo instances are guarded by the scheduler.
 */
final class WorkerHandle {
    final int id;
    final Process process;
    final long pid;
    final LinkedHashMap<Long, TaskRun> inFlight = new LinkedHashMap<>();
    final FrameBuilder out = new FrameBuilder();
    /** Serialized input bytes of the tasks in {@link #inFlight}. */
    long inFlightBytes;
    WorkerState state = WorkerState.STARTING;
    long tasksDone;
    boolean retiring;
    /** Why the parent killed this worker (a timeout), or null. */
    String killReason;
    private volatile FrameChannel channel;
    private Thread reader;
    private final Map<ClassLoader, Kryo> readerKryos = new IdentityHashMap<>();

    WorkerHandle(int id, Process process) {
        this.id = id;
        this.process = process;
        this.pid = process.pid();
    }

    FrameChannel channel() {
        return channel;
    }

    boolean connected() {
        return channel != null;
    }

    /** Attaches the accepted channel and starts reading frames for {@code scheduler}. */
    void connect(FrameChannel ch, Scheduler scheduler, ClassServer classes) {
        this.channel = ch;
        reader = new Thread(() -> readLoop(scheduler, classes), "shmkit-w" + id + "-control");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits a little for the reader to drain frames the worker sent before it died. */
    void joinReader(long millis) {
        Thread r = reader;
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The Kryo the reader thread uses for results of jobs whose code comes from {@code loader}. */
    Kryo readerKryo(ClassLoader loader) {
        return readerKryos.computeIfAbsent(loader, Kryos::newKryo);
    }

    private void readLoop(Scheduler scheduler, ClassServer classes) {
        FrameBuilder answers = new FrameBuilder();
        try {
            while (true) {
                Frame f = channel.read();
                switch (f.type) {
                    case Frame.RESULT -> scheduler.onResult(this, f);
                    case Frame.ERROR -> scheduler.onError(this, f);
                    case Frame.CLASS_REQUEST -> answerClass(f, classes, answers);
                    default -> System.err.println("[w" + id + "] unexpected control frame type=" + f.type);
                }
            }
        } catch (IOException | RuntimeException e) {
            // EOF or a broken channel: the process is exiting; its exit hook does the bookkeeping.
            if (process.isAlive() && !(e instanceof java.io.EOFException)) {
                System.err.println("[w" + id + "] control channel failed, killing the worker: " + e);
                process.destroyForcibly();  // a worker nobody listens to would hold its tasks forever
            }
        }
    }

    private void answerClass(Frame f, ClassServer classes, FrameBuilder answers) throws IOException {
        long session = f.getLong();
        String name = f.getString();
        ClassServer.Answer a = classes.lookup(session, name);
        synchronized (channel.writeLock()) {
            answers.begin(Frame.CLASS_BYTES).putString(name);
            if (a.bytes() != null) {
                answers.putByte(ClassFetcher.FOUND).putBytes(a.bytes());
            } else if (a.error() != null) {
                answers.putByte(ClassFetcher.UNREADABLE).putBytes(a.error().getBytes(StandardCharsets.UTF_8));
            } else {
                answers.putByte(ClassFetcher.NOT_FOUND).putBytes(new byte[0]);
            }
            channel.write(answers.end());
        }
    }

    WorkerInfo info() {
        return new WorkerInfo(id, pid, state, tasksDone);
    }
}
