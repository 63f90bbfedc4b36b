package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the short metadata steps of a space (choose a version, rename into place, unlink
 * old versions) across threads and processes: a JVM-wide lock per directory (POSIX record
 * locks are per process, so two threads would otherwise both "hold" the file lock) around an
 * exclusive {@code fcntl} lock on {@code .lock}. The heavy work, writing a segment, happens
 * outside the lock. The lock file is created 0600 and never opened through a symbolic link.
 */
final class SpaceLock {
    /** One instance per directory in a process, however its path is spelled (see {@link #of}). */
    private static final ConcurrentHashMap<Path, SpaceLock> LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock local = new ReentrantLock();

    /**
     * The lock of space {@code directory}. One per process and directory: POSIX record locks belong to the
     * process, and closing any descriptor of the lock file releases them, so the lock file is opened only
     * by the thread that holds {@link #local}.
     */
    static SpaceLock of(Path directory) {
        return LOCKS.computeIfAbsent(directory.toAbsolutePath().normalize(), SpaceLock::new);
    }

    private SpaceLock(Path directory) {
        this.lockFile = directory.resolve(".lock");
        verify();
    }

    /**
     * Creates the lock file 0600 if it is missing (now, not at the first publish) and refuses one that is a
     * link or not a file; a store checks it every time it opens.
     */
    void verify() {
        local.lock();
        try {
            PrivatePaths.openOrCreate(lockFile).close();
        } catch (IOException e) {
            throw failure(e);
        } finally {
            local.unlock();
        }
    }

    <T> T with(Supplier<T> action) {
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return action.get(); // reentrant: this thread holds the file lock already (a second one would overlap)
            }
            try (FileChannel ch = PrivatePaths.openOrCreate(lockFile);
                 FileLock ignored = ch.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            local.unlock();
        }
    }

    private ShmkitException failure(IOException e) {
        return new ShmkitException("cannot lock space " + lockFile.getParent() + " (lock file " + lockFile + ", created 0600,"
                + " never through a symbolic link): " + e + "; remove the lock file if it is a link or not a file", e);
    }
}
