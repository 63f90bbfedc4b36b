package dev.shmkit.pool.local;

import dev.shmkit.segment.PrivatePaths;

import dev.shmkit.ShmkitException;
import dev.shmkit.space.SpaceOptions;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a pool's control socket lives: {@code <space base>/.pools/<pid>.<seq>/control.sock}, the
 * directory mode 0700, removed on close. Pool directories whose pid no longer runs (a parent that
 * was killed) are removed when a pool starts, so nothing shmkit creates is left outside the space.
 */
final class ControlDirectory implements AutoCloseable {
    /** Sub-directory of the space base directory holding one directory per live pool. */
    static final String POOLS = ".pools";
    /** The socket file's name inside a pool's directory. */
    static final String SOCKET = "control.sock";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final Path dir;
    private boolean closed;

    private ControlDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates this pool's directory under {@code base}/.pools, sweeping those of dead pids first. */
    static ControlDirectory create(Path base) {
        Path pools = base.resolve(POOLS);
        try {
            // Every level private and checked (0700, this uid, no links): the socket must not be reachable by others.
            PrivatePaths.directory(base, "space base directory");
            PrivatePaths.directory(pools, "pool directory");
            sweep(pools);
            Path dir = pools.resolve(PID + "." + SEQ.incrementAndGet());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivatePaths.DIRECTORY_MODE));
            PrivatePaths.verifyDirectory(dir, "pool control directory");
            Files.createDirectory(dir.resolve(ResultFiles.RESULTS), PosixFilePermissions.asFileAttribute(PrivatePaths.DIRECTORY_MODE));
            return new ControlDirectory(dir);
        } catch (IOException e) {
            throw new ShmkitException("worker pool: creating the control directory under " + pools + " failed: " + e
                    + " (set -Dshmkit.dir or SHMKIT_DIR to a writable directory)", e);
        }
    }

    /** The default base: the space base directory ({@link SpaceOptions#baseDirectory()}). */
    static ControlDirectory create() {
        return create(SpaceOptions.baseDirectory());
    }

    /** Removes pool directories whose owning pid is not running. */
    static int sweep(Path pools) {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(pools)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                int dot = n.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot > 0 ? n.substring(0, dot) : n);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (deleteTree(p)) {
                    removed++;
                }
            }
        } catch (IOException ignored) {
            // nothing to sweep
        }
        return removed;
    }

    /** Removes {@code p} and everything under it (a killed worker's warm-up space included); links are not followed. */
    private static boolean deleteTree(Path p) {
        try (java.util.stream.Stream<Path> all = Files.walk(p)) {
            for (Path c : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(c);
            }
            return true;
        } catch (IOException | java.io.UncheckedIOException ignored) {
            return false; // best effort: the next pool's sweep tries again
        }
    }

    Path socket() {
        return dir.resolve(SOCKET);
    }

    Path directory() {
        return dir;
    }

    /** Where this pool's result segments are written by workers ({@link ResultFiles}). */
    Path results() {
        return dir.resolve(ResultFiles.RESULTS);
    }

    /** Removes the socket and the directory; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            deleteTree(dir);
        }
    }
}
