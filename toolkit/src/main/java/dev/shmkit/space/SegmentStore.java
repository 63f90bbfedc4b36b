package dev.shmkit.space;

import dev.shmkit.ShmkitException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files of one space directory: versions, atomic publication, removal and sweeping. Knows
 * nothing about what a segment contains.
 *
 * <p>Publication protocol: the writer fills a private temporary file under {@code .tmp/}
 * (same device), then, under the {@link SpaceLock}, the next version number is chosen, the
 * file is renamed into place (atomic: no reader ever sees a partial file) and older versions
 * of the name are unlinked (a process that mapped one keeps reading it).
 */
final class SegmentStore {
    static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong TMP_SEQ = new AtomicLong();

    private final Path dir;
    private final Path tmpDir;
    private final SpaceLock lock;

    /** Creates the given file and writes a whole segment into it. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    SegmentStore(Path dir) {
        this.dir = dir;
        this.tmpDir = dir.resolve(".tmp");
        createPrivateDirectory(dir);
        createPrivateDirectory(tmpDir);
        this.lock = new SpaceLock(dir);
    }

    Path directory() {
        return dir;
    }

    private static void createPrivateDirectory(Path d) {
        try {
            if (!Files.isDirectory(d)) {
                try {
                    Files.createDirectories(d.getParent());
                    Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // created concurrently
                }
            }
            if (!Files.isWritable(d)) {
                throw new ShmkitException("space directory " + d + " is not writable by this user; set SHMKIT_DIR to a directory you own");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ShmkitException("cannot create space directory " + d + ": " + e + "; set SHMKIT_DIR to a writable directory", e);
        }
    }

    /** Writes a new version of {@code name} and makes it current. */
    SegmentFile publish(String name, SegmentKind kind, Writer writer) {
        return publish(name, kind, writer, f -> f);
    }

    /**
     * As {@link #publish(String, SegmentKind, Writer)}, then runs {@code inLock} on the new version
     * before the lock is released: a concurrent publisher cannot unlink it in between, so the caller
     * can map the version it just wrote.
     */
    <T> T publish(String name, SegmentKind kind, Writer writer, java.util.function.Function<SegmentFile, T> inLock) {
        SegmentFile.validate(name);
        Path tmp = tmpDir.resolve(name + "." + PID + "." + TMP_SEQ.incrementAndGet() + "." + kind.extension());
        try {
            writer.write(tmp); // the writer creates the file; the directory is 0700 in any case
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ShmkitException("cannot write segment '" + name + "' to " + tmp + ": " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
        return lock.with(() -> {
            List<SegmentFile> old = versions(name);
            long version = old.stream().mapToLong(SegmentFile::version).max().orElse(0) + 1;
            Path target = dir.resolve(SegmentFile.fileName(name, version, PID, kind));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                deleteQuietly(tmp);
                throw new ShmkitException("cannot publish '" + name + "': " + dir + " does not support atomic rename", e);
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw new ShmkitException("cannot publish '" + name + "': rename " + tmp + " -> " + target + " failed: " + e, e);
            }
            old.forEach(f -> deleteQuietly(f.path()));
            return inLock.apply(new SegmentFile(name, version, PID, kind, target));
        });
    }

    /** The current (highest) version of {@code name}, if any. */
    Optional<SegmentFile> current(String name) {
        return versions(name).stream().max(Comparator.comparingLong(SegmentFile::version));
    }

    /** Every version of {@code name} present on disk (normally one). */
    List<SegmentFile> versions(String name) {
        return list(name + ".v*", f -> f.name().equals(name));
    }

    /** The current version of every entry, by name. */
    List<SegmentFile> currentAll() {
        Map<String, SegmentFile> latest = new LinkedHashMap<>();
        for (SegmentFile f : allFiles()) {
            latest.merge(f.name(), f, (a, b) -> a.version() >= b.version() ? a : b);
        }
        List<SegmentFile> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(SegmentFile::name));
        return out;
    }

    List<SegmentFile> allFiles() {
        return list("*", f -> true);
    }

    /** The segment files matching {@code glob} (names are [A-Za-z0-9_.-], never glob syntax) and {@code keep}. */
    private List<SegmentFile> list(String glob, java.util.function.Predicate<SegmentFile> keep) {
        List<SegmentFile> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                SegmentFile f = SegmentFile.parse(p);
                if (f != null && keep.test(f)) {
                    out.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new ShmkitException("cannot list space directory " + dir + ": " + e, e);
        }
        return out;
    }

    /** Unlinks every version of {@code name}; returns whether there was one. */
    boolean remove(String name) {
        SegmentFile.validate(name);
        return lock.with(() -> {
            List<SegmentFile> all = versions(name);
            all.forEach(f -> deleteQuietly(f.path()));
            return !all.isEmpty();
        });
    }

    /** Unlinks the given file if it still exists (a later publish may have replaced it). */
    void delete(Path path) {
        lock.with(() -> {
            deleteQuietly(path);
            return null;
        });
    }

    /** Removes segments and temporary files whose publisher is dead and that nobody maps. */
    SweepReport sweep() {
        return lock.with(() -> {
            List<SegmentFile> candidates = new ArrayList<>();
            for (SegmentFile f : allFiles()) {
                if (f.pid() != PID && !Processes.alive(f.pid())) {
                    candidates.add(f);
                }
            }
            Set<String> paths = new HashSet<>();
            candidates.forEach(f -> paths.add(f.path().toAbsolutePath().toString()));
            Set<String> mapped = Processes.mappedAmong(paths);
            List<SegmentFile> removed = new ArrayList<>();
            List<SegmentFile> kept = new ArrayList<>();
            long freed = 0;
            for (SegmentFile f : candidates) {
                if (mapped.contains(f.path().toAbsolutePath().toString())) {
                    kept.add(f);
                    continue;
                }
                long size = sizeOrZero(f.path());
                if (deleteQuietly(f.path())) {
                    removed.add(f);
                    freed += size;
                }
            }
            int tmpRemoved = 0;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir)) {
                for (Path p : ds) {
                    String[] parts = p.getFileName().toString().split("\\.");
                    long pid = parts.length >= 4 ? parsePid(parts[parts.length - 3]) : -1;
                    if (pid > 0 && pid != PID && !Processes.alive(pid)) {
                        freed += sizeOrZero(p);
                        if (deleteQuietly(p)) {
                            tmpRemoved++;
                        }
                    }
                }
            } catch (IOException e) {
                // no temporary directory: nothing to sweep there
            }
            return new SweepReport(removed, tmpRemoved, freed, kept);
        });
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }
}
