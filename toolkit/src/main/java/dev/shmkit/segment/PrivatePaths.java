package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Directories and files that only this user may see: every directory shmkit owns (the base, a
 * space, {@code .tmp/}, {@code .retired/}, ...) is created 0700 without following symbolic links and,
 * whenever it is opened, must be a real directory owned by this process's uid with no group or
 * other permission bits; every file shmkit creates there is 0600 from its first byte. Anything else
 * is refused: another local user who controls one of these directories could read, plant or
 * redirect the segments this user publishes and reads.
 */
public final class PrivatePaths {
    /** Mode of every directory shmkit owns: the owner alone may list, enter or change it. */
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    /** Mode of every file shmkit creates: the owner alone may read or write it. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /**
     * A published (sealed) segment: nobody may write it, its owner included, so an accidental
     * {@code truncate} or {@code open(..., "w")} by the user's own tools fails instead of cutting pages
     * that readers have mapped (root bypasses this; see README's guarantees).
     */
    public static final Set<PosixFilePermission> SEALED_MODE = PosixFilePermissions.fromString("r--------");
    /** File-type bits of st_mode (S_IFMT) and the directory / symbolic link types, to name what was found. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    /** Group and other permission bits: any of them lets another user in. */
    private static final int GROUP_OTHER_BITS = 0077;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private static volatile long uid = -1;

    private PrivatePaths() {
    }

    /** The effective uid of this process (the owner its new files get), from /proc/self/status. */
    public static long currentUid() {
        long u = uid;
        if (u < 0) {
            u = readUid();
            uid = u;
        }
        return u;
    }

    private static long readUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]); // real, effective, saved, fs
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask the file system who owns a file this process just created
        }
        try {
            Path probe = Files.createTempFile("shmkit-uid-", ".probe");
            try {
                return ((Number) Files.getAttribute(probe, "unix:uid", NOFOLLOW)).longValue();
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | RuntimeException e) {
            throw new ShmkitException("cannot tell this process's uid (no /proc/self/status, no unix:uid attribute): " + e
                    + "; shmkit needs a Linux (POSIX) file system for its space directory", e);
        }
    }

    /**
     * Makes {@code dir} a private directory of this user: created 0700 (missing parents too, those
     * 0700 as well but not checked afterwards) when it does not exist, then {@link #verifyDirectory checked}.
     *
     * @param role what the directory is, for messages ("space base directory", "space directory", ...)
     * @return {@code dir}
     */
    public static Path directory(Path dir, String role) {
        if (!exists(dir)) {
            try {
                Path parent = dir.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                // the umask may have stripped owner bits; never follow a link that replaced it meanwhile
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, NOFOLLOW).setPermissions(DIRECTORY_MODE);
            } catch (FileAlreadyExistsException e) {
                // created concurrently (or a link planted meanwhile): the check below decides
            } catch (IOException | UnsupportedOperationException e) {
                throw new ShmkitException("cannot create " + role + " " + dir + ": " + e
                        + "; set SHMKIT_DIR to a directory you own with mode 0700", e);
            }
        }
        verifyDirectory(dir, role);
        return dir;
    }

    /**
     * Refuses {@code dir} unless it is a directory (not a symbolic link), owned by this process's
     * uid, with no group or other permission bits. Links are never followed.
     */
    public static void verifyDirectory(Path dir, String role) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(dir, "unix:mode,uid", NOFOLLOW);
        } catch (NoSuchFileException e) {
            throw new ShmkitException(role + " " + dir + " does not exist (removed while opening?); open the space again", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ShmkitException("cannot check " + role + " " + dir + ": " + e
                    + "; shmkit needs a POSIX file system; set SHMKIT_DIR to a directory you own with mode 0700", e);
        }
        int mode = (Integer) a.get("mode");
        long owner = ((Number) a.get("uid")).longValue();
        long me = currentUid();
        String found = " (found type=" + typeName(mode) + " owner uid=" + owner + " mode=" + octal(mode) + "; this process uid=" + me + ")";
        String danger = ": another local user could read, plant or redirect the segments of this space";
        String fix = "; fix: remove it (after checking what is in it: rm -r " + dir + ") or set SHMKIT_DIR to a directory you own"
                + " with mode 0700";
        if ((mode & S_IFMT) == S_IFLNK) {
            throw new ShmkitException("refusing " + role + " " + dir + ": it is a symbolic link" + linkTarget(dir) + found
                    + danger + " (shmkit would write where the link points)" + fix);
        }
        if ((mode & S_IFMT) != S_IFDIR) {
            throw new ShmkitException("refusing " + role + " " + dir + ": it is not a directory" + found + fix);
        }
        if (owner != me) {
            throw new ShmkitException("refusing " + role + " " + dir + ": it belongs to uid=" + owner + ", not to this process"
                    + found + danger + fix);
        }
        if ((mode & GROUP_OTHER_BITS) != 0) {
            throw new ShmkitException("refusing " + role + " " + dir + ": mode=" + octal(mode)
                    + " gives group/other access" + found + danger + fix + " (or, if everything in it is yours: chmod 700 " + dir + ")");
        }
    }

    /**
     * Creates the empty file {@code file} with mode 0600 from its first byte (never following a link,
     * failing if it exists).
     */
    public static void createFile(Path file) throws IOException {
        openNew(file).close();
    }

    /** As {@link #createFile}, returning the file open for writing. */
    public static FileChannel openNew(Path file) throws IOException {
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch = FileChannel.open(file, opts, fileMode());
        try {
            Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW).setPermissions(FILE_MODE); // the umask may strip owner bits
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** Makes the segment file {@code file} read-only for its owner too ({@link #SEALED_MODE}), never following a link. */
    public static void seal(Path file) throws IOException {
        Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW).setPermissions(SEALED_MODE);
    }

    /**
     * Opens (creating 0600 if missing) the file {@code file} for writing, refusing a symbolic link or
     * anything but a regular file, and taking group/other bits away from one created by an older shmkit.
     */
    public static FileChannel openOrCreate(Path file) throws IOException {
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel ch = FileChannel.open(file, opts, fileMode());
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", NOFOLLOW);
            if ((mode & S_IFMT) != S_IFREG) {
                throw new ShmkitException("refusing " + file + ": not a regular file (type=" + typeName(mode)
                        + "); remove it");
            }
            if ((mode & GROUP_OTHER_BITS) != 0) {
                Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW).setPermissions(FILE_MODE);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    private static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }

    private static boolean exists(Path p) {
        return Files.exists(p, NOFOLLOW);
    }

    private static String linkTarget(Path link) {
        try {
            return " to " + Files.readSymbolicLink(link);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String typeName(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFDIR -> "directory";
            case S_IFLNK -> "symlink";
            case S_IFREG -> "file";
            default -> "special";
        };
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
