package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.PrivatePaths;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The application class-data-sharing archive of the workers ({@code -XX:SharedArchiveFile}): the
 * classes a worker loads while it warms up (Chronicle, Kryo, Tablesaw, Arrow, shmkit), parsed,
 * verified and laid out once, then mapped by every worker instead of being loaded from the jars
 * again. One archive per worker command (java, flags, class path and the size and time of every
 * class path file), in a private directory of this user; made by {@link WorkerArchiveTrainer} in
 * the background the first time a pool starts without one.
 *
 * <p>A JVM runs code from the archive, so the directory is checked like a space directory
 * ({@link PrivatePaths#verifyDirectory}: a real directory of this uid, no group/other bits, not a
 * link) and the file must be a regular file of this uid without group/other bits whose size is the
 * one written in its name; anything else is not used. A JVM given an archive made for another class
 * path or JDK ignores it and starts without it.
 */
final class WorkerArchive {
    /** Setting: {@code off}, or the directory of the archives (default {@link #defaultDirectory()}). */
    static final String PROPERTY = "shmkit.workerArchive";
    /** Environment form of {@link #PROPERTY}. */
    static final String ENV = "SHMKIT_WORKER_ARCHIVE";
    /** Suffix of an installed archive: {@code <key>-<size>.jsa}. */
    static final String SUFFIX = ".jsa";
    /** Marks a key whose archive could not be made (a directory on the class path, a JVM that refused it): no retry. */
    static final String FAILED = ".failed";
    /** Hex digits of the SHA-256 naming an archive: 128 bits, no collision between commands in practice. */
    private static final int KEY_CHARS = 32;
    /** Flags that already choose what the JVM shares: the user's own choice wins, no archive is added. */
    private static final List<String> USER_CDS_FLAGS = List.of("SharedArchiveFile", "ArchiveClassesAtExit", "-Xshare",
            "AutoCreateSharedArchive", "AOTCache", "AOTMode", "SharedClassListFile", "DumpLoadedClassList");
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** The last Java whose archives accept a non-empty directory after the jars (25 does not; 18-24 not checked). */
    private static final int JAVA_17 = 17;

    private final Path dir;
    private final String key;
    private final String why;

    private WorkerArchive(Path dir, String key, String why) {
        this.dir = dir;
        this.key = key;
        this.why = why;
    }

    /**
     * The archive for workers started with {@code flags} (everything between {@code java} and
     * {@code -cp}) and {@code classpath}; {@link #usable()} false, with {@link #why()}, when there is
     * none to use or make.
     */
    static WorkerArchive of(List<String> flags, String classpath) {
        String setting = System.getProperty(PROPERTY, System.getenv(ENV));
        if ("off".equals(setting)) {
            return off("off by " + PROPERTY);
        }
        for (String f : flags) {
            for (String cds : USER_CDS_FLAGS) {
                if (f.contains(cds)) {
                    return off("the worker flags choose class sharing themselves (" + f + ")");
                }
            }
        }
        String dirs = directoryBeforeJar(classpath);
        if (dirs != null) {
            return off("class path directory=" + dirs + " comes before a jar (Java 17 archives classes from jars only,"
                    + " and Java 25 refuses any non-empty directory; ./shmkit puts the toolkit jar first)");
        }
        Path dir = setting == null || setting.isEmpty() ? defaultDirectory() : Path.of(setting);
        try {
            PrivatePaths.directory(dir, "worker archive directory");
        } catch (ShmkitException e) {
            return off(e.getMessage());
        }
        return new WorkerArchive(dir, key(flags, classpath), null);
    }

    private static WorkerArchive off(String why) {
        return new WorkerArchive(null, null, why);
    }

    /** {@code $XDG_CACHE_HOME/shmkit/worker-cds}, else {@code ~/.cache/shmkit/worker-cds}: it outlives a reboot, unlike tmpfs. */
    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("shmkit").resolve("worker-cds");
    }

    /**
     * The first non-empty directory of {@code classpath} that a jar follows, or null. Java 17 refuses to
     * archive a class path with a non-empty directory before the last entry a class was loaded from;
     * directories after every jar (a program's own classes) are fine. Java 25 refuses an archive whose
     * class path has a non-empty directory anywhere.
     */
    static String directoryBeforeJar(String classpath) {
        return directoryBeforeJar(classpath, Runtime.version().feature());
    }

    /** As {@link #directoryBeforeJar(String)} for Java {@code feature}: from 18 on, any non-empty directory (25 refuses those too). */
    static String directoryBeforeJar(String classpath, int feature) {
        String dir = null;
        for (String e : classpath.split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                if (dir == null && !isEmptyDirectory(p)) {
                    dir = e;
                    if (feature > JAVA_17) {
                        return dir;
                    }
                }
            } else if (Files.isRegularFile(p) && dir != null) {
                return dir;
            }
        }
        return null;
    }

    private static boolean isEmptyDirectory(Path p) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** SHA-256 of what a JVM checks before using an archive: the JDK, the flags, the class path and its files. */
    static String key(List<String> flags, String classpath) {
        StringBuilder s = new StringBuilder();
        s.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        flags.forEach(f -> s.append(f).append('\n'));
        for (String e : classpath.split(File.pathSeparator)) {
            s.append(e);
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(e), BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    s.append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
                }
            } catch (IOException | RuntimeException ignored) {
                // a missing entry: its name alone
            }
            s.append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, KEY_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    /** Whether archives are used for these workers at all (else {@link #why()} says why not). */
    boolean usable() {
        return dir != null;
    }

    /** Why no archive is used, or null. */
    String why() {
        return why;
    }

    /** The directory of the archives (null when not {@link #usable()}). */
    Path directory() {
        return dir;
    }

    /** The key naming this command's archive (null when not {@link #usable()}). */
    String key() {
        return key;
    }

    /** The installed archive, checked (regular file of this uid, no group/other bits, size as named), or null. */
    Path installed() {
        if (dir == null) {
            return null;
        }
        try {
            PrivatePaths.verifyDirectory(dir, "worker archive directory");
        } catch (ShmkitException e) {
            return null;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, key + "-*" + SUFFIX)) {
            for (Path p : s) {
                if (isPrivateArchive(p)) {
                    return p;
                }
            }
        } catch (IOException ignored) {
            // unreadable: no archive
        }
        return null;
    }

    /** Whether {@code p} is a regular file (not a link) of this uid, no group/other bits, of the size its name says. */
    static boolean isPrivateArchive(Path p) {
        String n = p.getFileName().toString();
        int dash = n.lastIndexOf('-');
        if (dash < 0 || !n.endsWith(SUFFIX)) {
            return false;
        }
        try {
            long size = Long.parseLong(n.substring(dash + 1, n.length() - SUFFIX.length()));
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,size,isRegularFile", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            return Boolean.TRUE.equals(a.get("isRegularFile"))
                    && ((Number) a.get("uid")).longValue() == PrivatePaths.currentUid()
                    && (mode & 0077) == 0
                    && ((Number) a.get("size")).longValue() == size;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether making this key's archive failed before (it is not tried again). */
    boolean failedBefore() {
        return dir != null && Files.exists(dir.resolve(key + FAILED), NOFOLLOW);
    }

    /**
     * The flags that make a worker map the installed archive; none when there is none. Marks the
     * archive used (its modification time), so that pruning ({@link WorkerArchiveTrainer#prune}) keeps
     * the archives in use rather than the newest made: with more commands than kept archives (worktrees,
     * flag sets, heap sizes), keeping the newest made deleted an archive still in use, whose next pool
     * then started its workers without one (about 1.5-2x their CPU) and made it again.
     */
    List<String> launchFlags() {
        Path p = installed();
        if (p == null) {
            return List.of();
        }
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException ignored) {
            // used all the same; only its place in the pruning order is older
        }
        return List.of("-XX:SharedArchiveFile=" + p);
    }
}
