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
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock local;

    SpaceLock(Path directory) {
        this.lockFile = directory.resolve(".lock");
        this.local = IN_PROCESS.computeIfAbsent(directory, d -> new ReentrantLock());
        try {
            PrivatePaths.openOrCreate(lockFile).close(); // 0600 now, not at the first publish
        } catch (IOException e) {
            throw failure(e);
        }
    }

    <T> T with(Supplier<T> action) {
        local.lock();
        try (FileChannel ch = PrivatePaths.openOrCreate(lockFile);
             FileLock ignored = ch.lock()) {
            return action.get();
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
