package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.SegmentKind;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Result segment files of one pool, in {@code <pool directory>/results/} (never a named space entry).
 * The owner's pid is in the name, {@code t<job>-<task>.<pid>.<seq>.<res|arrow>}: the worker that
 * wrote a file owns it until the parent {@link #adopt adopts} it by renaming it to its own pid, so a
 * worker that dies between writing and replying leaves a file {@link #removeOwnedBy} deletes, and a
 * dead parent's pool directory goes whole ({@link ControlDirectory#sweep}).
 */
final class ResultFiles {
    /** The sub-directory of a pool's directory holding its result segments. */
    static final String RESULTS = "results";
    /** Arrow IPC file extension of a table result (readable by pyarrow like any segment). */
    static final String ARROW = "arrow";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQ = new AtomicLong();

    private ResultFiles() {
    }

    /** A fresh file name for a result of {@code task} of {@code job} owned by this process. */
    static String fresh(long job, long task, String extension) {
        return "t" + job + "-" + task + "." + PID + "." + SEQ.incrementAndGet() + "." + extension;
    }

    /** Extension of an object result segment. */
    static String objectExtension() {
        return SegmentKind.RESULT.extension();
    }

    /**
     * The file {@code fileName} of {@code dir}, checked to be a plain result file name (a worker sends
     * names, never paths).
     */
    static Path resolve(Path dir, String fileName) {
        if (fileName.contains("/") || fileName.startsWith(".") || owner(fileName) < 0) {
            throw new ShmkitException("result segment name='" + fileName + "' is not a result file name"
                    + " (t<job>-<task>.<pid>.<seq>.<ext>); a worker of another shmkit version?");
        }
        return dir.resolve(fileName);
    }

    /** Renames a worker's file to this process's pid (the parent owns it from now on) and returns the new path. */
    static Path adopt(Path file) {
        String[] p = file.getFileName().toString().split("\\.");
        Path to = file.resolveSibling(p[0] + "." + PID + "." + p[2] + "." + p[3]);
        try {
            return Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShmkitException("result segment file=" + file + " cannot be taken over by the parent: " + e
                    + " (removed after its worker died?)", e);
        }
    }

    /** The owner pid in a result file name, or -1. */
    static long owner(String fileName) {
        String[] p = fileName.split("\\.");
        if (p.length != 4 || !p[0].startsWith("t")) {
            return -1;
        }
        try {
            return Long.parseLong(p[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes the result files of {@code dir} owned by {@code pid} (a worker that died); returns how many. */
    static int removeOwnedBy(Path dir, long pid) {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (owner(f.getFileName().toString()) == pid && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException ignored) {
            // no results directory (closed pool): nothing to remove
        }
        return removed;
    }
}
