package dev.shmkit.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Released version files kept, with their pages, for the next publish of the space. On a tmpfs with
 * 4 KiB pages most of a publish is page allocation and freeing (320 MB: fallocate 0.09 s, unlink
 * 0.05 s, against 0.08 s for writing into allocated pages), so a version that the {@code /proc/*}/maps}
 * scan, under the space lock, shows unmapped by every process is renamed into {@code <space>/.spare/}
 * instead of being unlinked; the next publish takes it into {@code .tmp/} and overwrites it in place, or
 * the next draft ({@code allocateLongs}, an output table) takes it and has it zeroed before handing it out.
 *
 * <pre>
 *   &lt;space&gt;/.spare/big.4121.7.spare    the released file of 'big', parked by process 4121 (0600)
 * </pre>
 *
 * <p>Why no reader can see a recycled file's new bytes: every shmkit reader maps a version under the
 * space lock ({@link LocalSegmentSource#map}), and readers that stream a file hold such a mapping while
 * they read. A file is parked only when, under that lock, no process maps it, and it is renamed away from
 * every name a reader can look up (spare names do not parse as versions, and {@code .spare/} is never
 * searched); nothing renames it back.
 *
 * <p>Memory is still given back: at most one spare per name and {@value #MAX_SPARES} per space, each no
 * larger than the version it was; spares count in the {@link SpaceQuota} (they are files under the root)
 * and are unlinked when the owner closes its space, on {@code remove} of their name, by a sweep once the
 * process that parked them is gone, and first of all when a publish finds the device full or the quota
 * reached. Every step runs under the space lock. {@value #RECYCLE_PROPERTY}{@code =false} turns it off.
 */
final class SpareFiles {
    /** Turns recycling on (default) or off; off = superseded versions nobody maps are unlinked at once. */
    static final String RECYCLE_PROPERTY = "shmkit.space.recycle";
    static final String DIR = ".spare";
    /** Spares one space keeps at most: a few names republished in turn, not a cache of everything. */
    static final int MAX_SPARES = 4;
    private static final String EXT = "spare";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    private SpareFiles() {
    }

    /** Whether this process recycles ({@value #RECYCLE_PROPERTY}, true unless set to false). */
    static boolean configured() {
        return !"false".equalsIgnoreCase(System.getProperty(RECYCLE_PROPERTY, "true").trim());
    }

    /** Whether released files of space {@code dir} are parked: this process recycles and the space has a {@code .spare/}. */
    static boolean enabled(Path dir) {
        return configured() && Files.isDirectory(dir.resolve(DIR), NOFOLLOW);
    }

    /**
     * Parks the released, unmapped file {@code f} of space {@code dir} (under the lock); returns false when
     * it was not parked (recycling off, a spare of its name exists already, the space holds
     * {@value #MAX_SPARES}, or the rename failed) and the caller unlinks it.
     */
    static boolean park(Path dir, SegmentFile f) {
        if (!enabled(dir)) {
            return false;
        }
        List<Path> spares = list(dir);
        if (spares.size() >= MAX_SPARES || spares.stream().anyMatch(p -> nameOf(p).equals(f.name()))) {
            return false;
        }
        Path target = dir.resolve(DIR).resolve(f.name() + "." + SegmentStore.PID + "." + SEQ.incrementAndGet() + "." + EXT);
        try {
            Files.move(f.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return false;
        }
        try {
            // a sealed version is 0400: the next writer needs 0600 (still private, never through a link)
            Files.getFileAttributeView(target, PosixFileAttributeView.class, NOFOLLOW).setPermissions(PrivatePaths.FILE_MODE);
        } catch (IOException | RuntimeException e) {
            SegmentFiles.deleteQuietly(target);
            return false; // not parked: unlinked here (the caller's unlink of the old path finds nothing)
        }
        return true;
    }

    /**
     * Takes a spare for a publish of {@code name} (under the lock): renames it to {@code tmp} and returns
     * true, or false when there is none that passes the checks. Prefers a spare of the same name (likely
     * the same size), else the largest. A spare that is not a regular file of this uid, private, with one
     * link, is unlinked, never written.
     */
    static boolean take(Path dir, String name, Path tmp) {
        if (!enabled(dir)) {
            return false;
        }
        List<Path> spares = list(dir);
        spares.sort(Comparator.comparing((Path p) -> !nameOf(p).equals(name)).thenComparing(SegmentFiles::sizeOrZero,
                Comparator.reverseOrder()));
        for (Path spare : spares) {
            try {
                Files.move(spare, tmp, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                continue;
            }
            if (privateRegularFile(tmp)) {
                return true;
            }
            SegmentFiles.deleteQuietly(tmp);
        }
        return false;
    }

    /** A regular file (not a link) of this uid, no group/other bits, one name (no planted hard link). */
    private static boolean privateRegularFile(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,nlink", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            return (mode & S_IFMT) == S_IFREG && (mode & 0077) == 0
                    && ((Number) a.get("uid")).longValue() == PrivatePaths.currentUid()
                    && ((Number) a.get("nlink")).intValue() == 1;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Unlinks the spares of space {@code dir} that {@code which} selects (under the lock); returns the bytes freed. */
    static long drop(Path dir, Predicate<Path> which) {
        long freed = 0;
        for (Path p : list(dir)) {
            if (which.test(p)) {
                long size = SegmentFiles.sizeOrZero(p);
                if (SegmentFiles.deleteQuietly(p)) {
                    freed += size;
                }
            }
        }
        return freed;
    }

    /** Unlinks every spare of space {@code dir}; returns the bytes freed. */
    static long dropAll(Path dir) {
        return drop(dir, p -> true);
    }

    /** Whether spare {@code p} was a version of {@code name}. */
    static boolean of(Path p, String name) {
        return nameOf(p).equals(name);
    }

    /** The spare files of space {@code dir} (everything in {@code .spare/}, whatever it is). */
    static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve(DIR))) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return out; // no .spare/: nothing parked
        }
        return out;
    }

    /** Bytes the spares of space {@code dir} hold. */
    static long bytes(Path dir) {
        return list(dir).stream().mapToLong(SegmentFiles::sizeOrZero).sum();
    }

    /** The entry name a spare was a version of ({@code <name>.<pid>.<seq>.spare}). */
    private static String nameOf(Path p) {
        String s = p.getFileName().toString();
        int end = s.length();
        for (int i = 0; i < 3 && end > 0; i++) {
            end = s.lastIndexOf('.', end - 1);
        }
        return end > 0 ? s.substring(0, end) : s;
    }
}
