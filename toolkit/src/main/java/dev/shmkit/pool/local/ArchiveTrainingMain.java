package dev.shmkit.pool.local;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.TaskReport;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerInfo;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the JVMs that make the workers' class-data-sharing archive ({@link WorkerArchiveTrainer}).
 * <ul>
 * <li>{@code make <archive-dir> <key> <flag>...}: runs a {@code train} JVM with the workers' flags under
 * {@code -XX:ArchiveClassesAtExit}, checks the archive and installs it; started by a pool, it finishes
 * by itself (seconds) if the pool's JVM exits first.</li>
 * <li>{@code train <warm-up-dir> <parent-pid>}: runs a worker's warm-up and loads the classes a worker
 * uses before its first task, then exits; the JVM writes every class loaded from a jar into the
 * archive as it exits. Exits at once if its parent is gone.</li>
 * </ul>
 */
public final class ArchiveTrainingMain {
    /** Classes a worker loads after its warm-up, before its first task (the warm-up loads the rest). */
    static final List<Class<?>> WORKER_CLASSES = List.of(WorkerMain.class, FrameChannel.class, Frame.class,
            FrameBuilder.class, Rpc.class, ExtensibleLoader.class, CopyReceiver.class, WorkerExecutor.class,
            ResultFiles.class, ResultWriter.class, SessionLoader.class);
    /**
     * The API a user's task class names (a notebook's or a program's, outside the archive): verifying that
     * class loads these, from the jars unless they are archived (bench W1's first task loaded six of them).
     */
    static final List<Class<?>> USER_API_CLASSES = List.of(SharedSpace.class, SharedTable.class, WorkerPool.class,
            PoolOptions.class, WorkerInfo.class, JobOptions.class, JobResult.class, TaskReport.class, Table.class);
    /** Warm-up rounds of the training: one loads every class; more would only be slow without the JIT. */
    static final int TRAINING_ROUNDS = 1;
    /** Exit code when the parent disappeared before the training finished. */
    static final int EXIT_ORPHANED = 6;
    /** How often the training checks that its parent is alive (as a worker does). */
    private static final long PARENT_POLL_MS = 200;

    private ArchiveTrainingMain() {
    }

    /** {@code make <archive-dir> <key> <flag>...} or {@code train <warm-up-dir> <parent-pid>}. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("make")) {
            List<String> flags = Arrays.asList(args).subList(3, args.length);
            boolean made = WorkerArchiveTrainer.make(Path.of(args[1]), args[2], flags,
                    System.getProperty("java.class.path"));
            System.exit(made ? 0 : 1);
        }
        long parent = Long.parseLong(args[2]);
        Thread watchdog = new Thread(() -> {
            while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(PARENT_POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            WorkerWarmUp.removeLeftover();
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "shmkit-archive-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        WorkerWarmUp.run(Path.of(args[1]), TRAINING_ROUNDS);
        for (Class<?> c : USER_API_CLASSES) {
            Class.forName(c.getName(), false, c.getClassLoader());
        }
        for (Class<?> c : WORKER_CLASSES) {
            Class.forName(c.getName(), false, c.getClassLoader());
        }
        System.exit(0);
    }
}
