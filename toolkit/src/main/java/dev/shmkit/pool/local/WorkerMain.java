package dev.shmkit.pool.local;

import dev.shmkit.memory.Reservation;
import dev.shmkit.segment.SegmentCache;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a worker JVM: {@code WorkerMain <socket> <worker-id> <parent-pid>}, with the
 * pool's secret in the environment ({@value WorkerLauncher#TOKEN_ENV}). Connects to the parent's
 * control socket, warms up, says hello, then serves frames until the parent says shut down, the
 * socket closes or the parent process is gone. This thread reads every frame: tasks go to the task
 * thread, copy-mode slices straight into their file, requests and replies to the {@link Rpc}.
 */
public final class WorkerMain {
    /** How often the worker checks that its parent is alive. */
    private static final long PARENT_POLL_MS = 200;
    /** A cancelled task that ignores interruption this long costs the worker its life. */
    private static final long CANCEL_GRACE_MS = 1000;
    /** Exit code when a cancelled task did not stop. */
    static final int EXIT_CANCEL_IGNORED = 4;
    /** Exit code when the task thread died of something it could not report. */
    static final int EXIT_TASK_THREAD_DIED = 7;
    /** Exit code when the parent disappeared. */
    static final int EXIT_ORPHANED = 6;
    /** Exit code when the worker was started without the pool's token. */
    static final int EXIT_NO_TOKEN = 8;
    /**
     * Tests only, for machines that refuse to mount a small tmpfs: {@code <dir>=<bytes>} makes the
     * worker see only that many free bytes under {@code dir} (see {@code Reservation}).
     */
    static final String SIMULATED_FREE_PROPERTY = "shmkit.test.simulatedFree";
    /** Request kind (parent to worker): add a class path entry; payload the path (UTF-8). */
    static final String ADD_CLASSPATH = "classpath.add";

    private WorkerMain() {
    }

    /** Runs a worker: {@code <socket> <worker-id> <parent-pid>}. */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        long parentPid = Long.parseLong(args[2]);
        String token = System.getenv(WorkerLauncher.TOKEN_ENV);
        if (token == null) {
            exit(EXIT_NO_TOKEN, "no " + WorkerLauncher.TOKEN_ENV + " in the environment: workers are started by a pool");
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shmkit-worker-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (!ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                exit(EXIT_ORPHANED, "parent pid=" + parentPid + " is gone");
            }
        }, PARENT_POLL_MS, PARENT_POLL_MS, TimeUnit.MILLISECONDS);

        String simulated = System.getProperty(SIMULATED_FREE_PROPERTY);
        if (simulated != null) {
            int eq = simulated.lastIndexOf('=');
            Reservation.simulateFreeSpaceForTests(Path.of(simulated.substring(0, eq)),
                    Long.parseLong(simulated.substring(eq + 1)));
        }
        WorkerWarmUp.run(socket.getParent());
        SocketChannel sc = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        FrameChannel channel = new FrameChannel(sc);
        Rpc rpc = new Rpc(channel, "the parent (pid " + parentPid + ")");
        ExtensibleLoader base = new ExtensibleLoader(WorkerMain.class.getClassLoader());
        CopyReceiver copies = new CopyReceiver();
        WorkerExecutor executor = new WorkerExecutor(channel, rpc, base, copies,
                socket.getParent().resolve(ResultFiles.RESULTS));
        rpc.handle(ADD_CLASSPATH, p -> {
            base.add(Path.of(new String(p, StandardCharsets.UTF_8)));
            return CompletableFuture.completedFuture(new byte[0]);
        });
        rpc.handleOthers(executor::enqueueMessage);
        Thread exec = new Thread(executor, "shmkit-worker-task");
        exec.setDaemon(true);
        exec.setUncaughtExceptionHandler((t, e) -> exit(EXIT_TASK_THREAD_DIED, "task thread died: " + e));
        exec.start();
        FrameBuilder hello = new FrameBuilder();
        hello.begin(Frame.HELLO).putInt(id).putLong(ProcessHandle.current().pid()).putString(token).end();
        channel.write(hello);
        try {
            while (true) {
                Frame f = channel.read();
                switch (f.type) {
                    case Frame.STREAM_DATA -> copies.data(f);
                    case Frame.STREAM_OPEN -> copies.open(f);
                    case Frame.STREAM_END -> copies.end(f);
                    case Frame.REQUEST, Frame.REPLY -> rpc.onFrame(f);
                    case Frame.SHUTDOWN -> exit(0, null, true);
                    case Frame.CANCEL_JOB -> cancel(f.getLong(), executor, copies, timer);
                    default -> executor.enqueue(f);
                }
            }
        } catch (EOFException e) {
            rpc.fail(e);
            exit(0, null);
        } catch (IOException e) {
            rpc.fail(e);
            exit(EXIT_ORPHANED, "control channel failed: " + e);
        }
    }

    private static void cancel(long jobId, WorkerExecutor executor, CopyReceiver copies, ScheduledExecutorService timer) {
        long task = executor.runningTask();
        executor.cancel(jobId);
        copies.abortJob(jobId);
        if (executor.runningJob() == jobId) {
            // a second handshake half-way: a fault pending in a task that reached its code after the first
            timer.schedule(() -> executor.handshakeIfRunning(task), CANCEL_GRACE_MS / 2, TimeUnit.MILLISECONDS);
            timer.schedule(() -> {
                if (executor.runningTask() == task) {
                    exit(EXIT_CANCEL_IGNORED, "cancelled task=" + task + " ignored interruption");
                }
            }, CANCEL_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    static void exit(int code, String why) {
        exit(code, why, false);
    }

    /**
     * Ends the worker. On a graceful close ({@code unmap}) it first unmaps what it holds: the last mapper
     * of a version retired meanwhile unlinks it, so its bytes do not wait in {@code .retired/} for the
     * owner's close or a sweep (a worker that halts while mapping it cannot).
     */
    private static void exit(int code, String why, boolean unmap) {
        if (unmap) {
            try {
                SegmentCache.process().clear();
            } catch (RuntimeException | Error e) {
                System.err.println("shmkit worker: unmapping its segments before exit failed: " + e);
            }
        }
        if (why != null) {
            System.err.println("shmkit worker exiting code=" + code + ": " + why);
        }
        System.out.flush();
        System.err.flush();
        WorkerWarmUp.removeLeftover();
        Runtime.getRuntime().halt(code);
    }
}
