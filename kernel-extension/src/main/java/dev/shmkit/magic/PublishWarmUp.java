package dev.shmkit.magic;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Runs the publish, attach and read path a few times on a throwaway table in a throwaway space, on
 * the kernel's start thread after the workers are up, so that the notebook's first {@code %share}
 * costs what later ones cost. Measured before: a fresh kernel's first {@code %share} of a 16 MB
 * table took 139-334 ms (0.05-0.11 GB/s on its card) where the same publish later took a tenth of
 * that: the column encoders and the writer ran in the interpreter. One per notebook pool start
 * ({@link NotebookPool}), stopped when the kernel shuts down.
 */
final class PublishWarmUp {
    /** Rows: enough loop iterations for the JIT to compile the encoders' loops. */
    private static final int ROWS = 200_000;
    /** Publishes: the first meets the cold path, the next ones the compiled code. */
    private static final int ROUNDS = 3;
    /** How long a kernel shutting down waits for a warm-up under way to remove its space. */
    private static final long SHUTDOWN_WAIT_MS = 10_000;
    /** Guards {@link #running} and {@link #stopped}; shutdown waits on it for a warm-up under way. */
    private final Object lock = new Object();
    private boolean running;
    private boolean stopped;

    /**
     * Publishes, attaches and reads a small table {@value #ROUNDS} times; any failure is ignored.
     * Whether it ran to the end (false once {@link #stop()} was called).
     */
    boolean run() {
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            running = true;
        }
        try {
            return warmUp();
        } finally {
            synchronized (lock) {
                running = false;
                lock.notifyAll();
            }
        }
    }

    /** No warm-up starts after this; one under way is waited for (bounded), so its space is gone when this returns. */
    void stop() {
        long deadline = System.currentTimeMillis() + SHUTDOWN_WAIT_MS;
        synchronized (lock) {
            stopped = true;
            long left;
            while (running && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean warmUp() {
        String name = "kernel-warmup-" + ProcessHandle.current().pid();
        Path dir = null;
        try {
            Table t = TableGenerator.rows(ROWS).doubles(2).ints(1).longs(1).strings(1, 100).seed(1).name("warm-up").generate();
            try (SharedSpace space = SharedSpace.open(SpaceOptions.named(name))) {
                dir = space.directory();
                for (int i = 0; i < ROUNDS; i++) {
                    try (SharedTable view = space.publish("warmup", t)) {
                        view.doubleColumn(view.columnNames().get(0)).sum(0, view.rowCount());
                    }
                }
                space.remove("warmup");
            }
            return true;
        } catch (RuntimeException | Error e) {
            return false; // an optimisation only: the first real %share shows any real problem, with its cause
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a few empty directories of this user, removed by the next sweep of the base directory
        }
    }
}
