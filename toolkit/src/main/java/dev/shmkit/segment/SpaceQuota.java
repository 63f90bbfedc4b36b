package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Bytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The most one user may hold in shared memory: a teacher's cap on each student of a workshop. The
 * usage is measured on the file system, not counted: the bytes of every regular file under the
 * user's base directory (all their spaces: published, retired, drafts, copies), or under the space
 * directory when the caller chose it. Files already unlinked but still mapped somewhere are not seen.
 *
 * <p>Checked by {@link SegmentStore} before anything is written when the cap is already reached, and
 * again, with the real size, after the new version was written to {@code .tmp/} and before it is made
 * visible (under the space lock); a refused file is removed at once.
 */
public final class SpaceQuota {
    /** Cap on the bytes one user's spaces hold: bytes, or with a k/m/g/t suffix (binary, as -Xmx); 0 or unset = none. */
    public static final String MAX_SPACE_PROPERTY = "shmkit.maxSpaceBytes";
    public static final String MAX_SPACE_ENV = "SHMKIT_MAX_SPACE_BYTES";
    /** No cap: a single user on their own machine should not meet a limit they never set. */
    public static final long UNLIMITED = 0;

    private final Path root;
    private final long capBytes;

    SpaceQuota(Path root, long capBytes) {
        this.root = root;
        this.capBytes = capBytes;
    }

    /** The cap configured by {@value #MAX_SPACE_PROPERTY}, else {@value #MAX_SPACE_ENV}, else {@link #UNLIMITED}. */
    public static long configuredCap() {
        String v = System.getProperty(MAX_SPACE_PROPERTY);
        String from = "-D" + MAX_SPACE_PROPERTY;
        if (v == null || v.isBlank()) {
            v = System.getenv(MAX_SPACE_ENV);
            from = MAX_SPACE_ENV;
        }
        return v == null || v.isBlank() ? UNLIMITED : parse(v, from);
    }

    /** Parses "536870912", "512m", "2g" (binary units, like -Xmx). */
    public static long parse(String value, String from) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        int shift = "kmgt".indexOf(last);
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new ShmkitException("invalid space cap " + from + "='" + value + "': expected bytes or a number with"
                    + " k/m/g/t (e.g. 512m, 2g), 0 for no cap");
        }
    }

    /** The cap in bytes, or {@link #UNLIMITED}. */
    public long capBytes() {
        return capBytes;
    }

    /** The directory whose files count. */
    public Path root() {
        return root;
    }

    /** Bytes of every regular file under {@link #root()} now, except {@code excluded} (may be null). */
    public long usedBytes(Path excluded) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(excluded)).mapToLong(SpaceQuota::regularFileBytes).sum();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file vanished mid-walk (a reader unlinked a retired version): count it gone
        }
    }

    private static long regularFileBytes(Path p) {
        try {
            return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Refuses, unless there is no cap, when the files under the root (but {@code file}) plus
     * {@code requested} bytes exceed it.
     *
     * @param what     what was asked, e.g. "publish 'big'"
     * @param file     the request's own file, not counted as used (null if none yet)
     * @param replacedBytes bytes of the current version the request replaces (still counted: it exists until retired)
     */
    void check(String what, Path file, long requested, java.util.function.LongSupplier replacedBytes) {
        if (capBytes == UNLIMITED) {
            return; // no file system walk at all without a cap
        }
        long replaced = replacedBytes.getAsLong();
        long used = usedBytes(file);
        if (used + requested <= capBytes) {
            return;
        }
        throw new SpaceQuotaExceededException(what + " refused: requested=" + requested + " B (" + Bytes.human(requested)
                + ") + used=" + used + " B (" + Bytes.human(used) + ") > cap=" + capBytes + " B (" + Bytes.human(capBytes)
                + ") of " + root + " (" + MAX_SPACE_PROPERTY + " / " + MAX_SPACE_ENV + ")"
                + (replaced > 0 ? "; used includes the current version it would replace (" + Bytes.human(replaced)
                + "): remove that first" : "")
                + "; fix: remove entries you no longer need (space.remove(NAME) or %unshare NAME), sweep what dead"
                + " processes left (./shmkit space --sweep), publish less (fewer columns or rows), or ask for a larger"
                + " cap; nothing was left on the device", capBytes, used, requested);
    }

    @Override
    public String toString() {
        return "SpaceQuota[root=" + root + ", cap=" + (capBytes == UNLIMITED ? "none" : Bytes.human(capBytes)) + "]";
    }
}
