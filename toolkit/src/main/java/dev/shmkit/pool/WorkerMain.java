package dev.shmkit.pool;


import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of a worker JVM: {@code WorkerMain <socket> <worker-id> <parent-pid>}. Connects to
 * the parent's control socket, warms up, says hello, then serves frames until the parent says
 * shut down, the socket closes or the parent process is gone.
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

    private WorkerMain() {
    }

    /** Runs a worker: {@code <socket> <worker-id> <parent-pid>}. */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        int id = Integer.parseInt(args[1]);
        long parentPid = Long.parseLong(args[2]);
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

        WorkerWarmUp.run();
        SocketChannel sc = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        FrameChannel channel = new FrameChannel(sc);
        ClassFetcher fetcher = new ClassFetcher(channel);
        ExtensibleLoader base = new ExtensibleLoader(WorkerMain.class.getClassLoader());
        WorkerExecutor executor = new WorkerExecutor(channel, fetcher, base);
        Thread exec = new Thread(executor, "shmkit-worker-task");
        exec.setDaemon(true);
        exec.setUncaughtExceptionHandler((t, e) -> exit(EXIT_TASK_THREAD_DIED, "task thread died: " + e));
        exec.start();
        FrameBuilder hello = new FrameBuilder();
        hello.begin(Frame.HELLO).putInt(id).putLong(ProcessHandle.current().pid()).end();
        channel.write(hello);
        try {
            while (true) {
                Frame f = channel.read();
                switch (f.type) {
                    case Frame.CLASS_BYTES -> fetcher.answer(f);
                    case Frame.ADD_CLASSPATH -> base.add(Path.of(f.getString()));
                    case Frame.SHUTDOWN -> exit(0, null);
                    case Frame.CANCEL_JOB -> {
                        long jobId = f.getLong();
                        long task = executor.runningTask();
                        executor.cancel(jobId);
                        if (executor.runningJob() == jobId) {
                            timer.schedule(() -> {
                                if (executor.runningTask() == task) {
                                    exit(EXIT_CANCEL_IGNORED, "cancelled task=" + task + " ignored interruption");
                                }
                            }, CANCEL_GRACE_MS, TimeUnit.MILLISECONDS);
                        }
                    }
                    default -> executor.enqueue(f);
                }
            }
        } catch (EOFException e) {
            exit(0, null);
        } catch (IOException e) {
            exit(EXIT_ORPHANED, "control channel failed: " + e);
        }
    }

    static void exit(int code, String why) {
        if (why != null) {
            System.err.println("shmkit worker exiting code=" + code + ": " + why);
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
