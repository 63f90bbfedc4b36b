package dev.shmkit.pool.local;

import dev.shmkit.segment.PrivatePaths;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a {@link WorkerArchive} in the background: a JVM with the workers' command runs
 * {@link ArchiveTrainingMain} (the warm-up) under {@code -XX:ArchiveClassesAtExit}, at the lowest
 * CPU priority ({@code nice -n 19}, so it takes what the workers and jobs leave) and with umask 077,
 * so the archive is 0400 from its first byte, in the private archive directory. When it exits, a
 * second JVM checks the archive with {@code -Xshare:on} (which refuses an archive it cannot use)
 * before it is moved to its final name; an archive that cannot be made is remembered
 * ({@link WorkerArchive#FAILED}) and not tried again.
 */
final class WorkerArchiveTrainer {
    /** Archives kept in the directory (other class paths, JDKs); older ones are deleted when one is installed. */
    static final int KEEP = 8;
    /** Suffix of the file a making JVM locks for its key. */
    static final String LOCK = ".lock";
    /** A training is a worker's warm-up (seconds); one still running by then is stuck. */
    private static final long TRAIN_TIMEOUT_MS = 300_000;
    /**
     * The training JVM runs interpreted. Java 17 writes a method's "queued for compilation" flag into the
     * archive (JDK-8306460, fixed in 21): a method the JIT had queued when the training exited is never
     * compiled in any worker that maps the archive. The warm-up's last hot method is the column sum; a
     * W1 task then ran interpreted, 10-12 ms instead of 0.1-0.2 ms (4 of 4 runs over two trainings on this
     * machine; jcmd Compiler.codelist of such a worker has no DoubleColumnView.sumDense, its queue empty).
     */
    static final String NO_JIT = "-Xint";
    /** The check JVM only maps the archive and prints its version. */
    private static final long CHECK_TIMEOUT_MS = 30_000;
    /** Exit codes above this are deaths by a signal (killed): not a reason to give the key up. */
    private static final int SIGNAL_EXIT = 128;
    private static final String NICE = "/usr/bin/nice";
    private static final String SH = "/bin/sh";
    /** Keys this JVM is making now: one training per command at a time. */
    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private WorkerArchiveTrainer() {
    }

    /**
     * Starts making {@code archive} unless it is installed, failed before or is being made by this
     * JVM; {@code java} is the workers' command up to (without) {@code -cp}. The making runs in its
     * own JVM ({@code ArchiveTrainingMain make}), which finishes (seconds) even if this JVM exits
     * first. The future completes when it is over, with the installed archive, or null (none
     * started, or it failed).
     */
    static CompletableFuture<Path> startIfMissing(WorkerArchive archive, List<String> java, String classpath) {
        if (!archive.usable() || archive.installed() != null || archive.failedBefore() || !RUNNING.add(archive.key())) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> cmd = new ArrayList<>(List.of(SH, "-c", "umask 077 && exec \"$@\"", "sh"));
        if (Files.isExecutable(Path.of(NICE))) {
            cmd.addAll(List.of(NICE, "-n", "19"));
        }
        cmd.addAll(java);
        cmd.addAll(List.of("-cp", classpath, ArchiveTrainingMain.class.getName(), "make", archive.directory().toString(),
                archive.key()));
        cmd.addAll(java.subList(1, java.size()));
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            return p.onExit().thenApply(done -> {
                RUNNING.remove(archive.key());
                return archive.installed();
            });
        } catch (IOException e) {
            RUNNING.remove(archive.key());
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * In the making JVM: runs the training JVM ({@code flags}, {@code classpath}) under
     * {@code -XX:ArchiveClassesAtExit} with its warm-up table in {@code dir}, then checks and installs
     * the archive, or marks {@code key} failed. True if an archive was installed.
     */
    static boolean make(Path dir, String key, List<String> flags, String classpath) throws InterruptedException, IOException {
        PrivatePaths.verifyDirectory(dir, "worker archive directory");
        // one making per key on this machine: another JVM's pool may have started one for the same command
        try (FileChannel lock = PrivatePaths.openOrCreate(dir.resolve(key + LOCK)); FileLock held = lock.tryLock()) {
            if (held == null || Files.exists(dir.resolve(key + WorkerArchive.FAILED), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, key + "-*" + WorkerArchive.SUFFIX)) {
                if (s.iterator().hasNext()) {
                    return true;
                }
            }
            return makeLocked(dir, key, flags, classpath);
        }
    }

    private static boolean makeLocked(Path dir, String key, List<String> flags, String classpath) throws InterruptedException {
        sweep(dir);
        Path staging = dir.resolve(key + "." + PID + "." + SEQ.incrementAndGet() + ".tmp");
        List<String> java = new ArrayList<>();
        java.add(WorkerLauncher.javaCommand());
        java.addAll(flags);
        List<String> cmd = new ArrayList<>(java);
        cmd.add(NO_JIT);
        cmd.add("-XX:ArchiveClassesAtExit=" + staging);
        cmd.addAll(List.of("-cp", classpath, ArchiveTrainingMain.class.getName(), "train", dir.toString(), Long.toString(PID)));
        int code;
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(TRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            code = p.exitValue();
        } catch (IOException e) {
            markFailed(dir, key, "starting the training JVM failed: " + e);
            return false;
        }
        return finish(dir, key, java, classpath, staging, code) != null;
    }

    /** Installs the archive the training wrote if a JVM can use it; returns it, or null (the key then marked failed). */
    private static Path finish(Path dir, String key, List<String> java, String classpath, Path staging, int code) {
        try {
            if (code > SIGNAL_EXIT) {
                return null; // killed: try again next time
            }
            if (code == 0 && Files.isRegularFile(staging, LinkOption.NOFOLLOW_LINKS) && usable(java, classpath, staging)) {
                return install(dir, key, staging);
            }
            markFailed(dir, key, "training exit code=" + code + (code == 0 ? ", the archive was not written or not usable" : ""));
            return null;
        } catch (IOException | RuntimeException e) {
            markFailed(dir, key, e.toString());
            return null;
        } finally {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // swept by the next training
            }
        }
    }

    /** Whether a JVM with the workers' command starts with {@code -Xshare:on} on the archive (it exits 1 if it cannot use it). */
    static boolean usable(List<String> java, String classpath, Path archive) {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classpath, "-version"));
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path install(Path dir, String key, Path staging) throws IOException {
        Files.getFileAttributeView(staging, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(PosixFilePermissions.fromString("r--------"));
        long size = Files.size(staging);
        Path target = dir.resolve(key + "-" + size + WorkerArchive.SUFFIX);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune(dir);
        return target;
    }

    private static void markFailed(Path dir, String key, String why) {
        Path marker = dir.resolve(key + WorkerArchive.FAILED);
        try {
            Files.writeString(Files.createFile(marker, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), why + "\n");
        } catch (IOException ignored) {
            // already marked, or the directory is gone: the next pool decides again
        }
    }

    /** Deletes all but the {@link #KEEP} most recently used archives (and their lock files; see {@link WorkerArchive#launchFlags}). */
    static void prune(Path dir) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + WorkerArchive.SUFFIX)) {
            s.forEach(archives::add);
        }
        archives.sort(Comparator.comparing(WorkerArchiveTrainer::modified).reversed());
        for (Path p : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
            Files.deleteIfExists(p);
            String n = p.getFileName().toString();
            if (n.lastIndexOf('-') > 0) {
                Files.deleteIfExists(dir.resolve(n.substring(0, n.lastIndexOf('-')) + LOCK));
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Removes staging files ({@code <key>.<pid>.<n>.tmp}) and warm-up spaces ({@code warmup.<pid>}) of JVMs
     * that are gone (their training never finished).
     */
    static void sweep(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "warmup.*")) {
            for (Path p : s) {
                String pid = p.getFileName().toString().substring("warmup.".length());
                if (pid.chars().allMatch(Character::isDigit) && !pid.isEmpty() && !alive(Long.parseLong(pid))) {
                    deleteTree(p);
                }
            }
        } catch (IOException ignored) {
            // nothing to sweep
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : s) {
                String[] parts = p.getFileName().toString().split("\\.");
                if (parts.length == 4) {
                    try {
                        long pid = Long.parseLong(parts[1]);
                        if (!alive(pid)) {
                            Files.deleteIfExists(p);
                        }
                    } catch (NumberFormatException | IOException ignored) {
                        // not ours, or gone already
                    }
                }
            }
        } catch (IOException ignored) {
            // nothing to sweep
        }
    }

    private static boolean alive(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path p) {
        try (java.util.stream.Stream<Path> all = Files.walk(p)) {
            for (Path c : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(c);
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // the next sweep tries again
        }
    }
}
