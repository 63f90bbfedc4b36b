package dev.shmkit.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The page size a directory's device gives the files shmkit writes: read from the mount that holds it
 * ({@code /proc/self/mountinfo}). A tmpfs gives 2 MiB pages when mounted with {@code huge=always} or
 * {@code huge=within_size}; {@code huge=never} (Debian's default for {@code /dev/shm}) gives 4 KiB
 * pages, and so does {@code huge=advise} here: it gives 2 MiB pages only to a mapping that asks
 * ({@code madvise(MADV_HUGEPAGE)}) before the pages exist, and shmkit allocates a file's pages with
 * {@code fallocate} first (so that a full device fails up front), outside any mapping. The system-wide
 * {@code /sys/kernel/mm/transparent_hugepage/shmem_enabled} overrides every mount when it is
 * {@code force} (huge) or {@code deny} (never). Writing fresh 4 KiB pages is bound by allocating
 * them (0.25-0.35 s to publish 320 MB here); 2 MiB pages are allocated 512 at a time.
 *
 * @param mountPoint where the device holding the directory is mounted (or the directory, when unknown)
 * @param fsType     its file system type (tmpfs, hugetlbfs, ext4, ...), or "unknown"
 * @param hugeOption the mount's {@code huge=} option as it applies ({@code never} when absent; the
 *                   sysfs override as {@code force}/{@code deny}; "-" for other file systems)
 * @param huge       whether files written there get 2 MiB pages
 */
public record DevicePages(Path mountPoint, String fsType, String hugeOption, boolean huge) {
    /** A transparent huge page on x86-64 and arm64 with 4 KiB base pages. */
    public static final long HUGE_PAGE = 2L << 20;
    /** The base page. */
    public static final long SMALL_PAGE = 4096;
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path SHMEM_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled");

    /** The pages of the device holding {@code dir} (a directory or a file in it). */
    public static DevicePages of(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            abs = abs.toRealPath();
        } catch (IOException e) {
            // not there yet: the mount table still says which device would hold it
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException | RuntimeException e) {
            return new DevicePages(abs, "unknown", "-", false);
        }
        return of(abs, lines, readShmemEnabled());
    }

    /** As {@link #of(Path)} over a given mount table and shmem_enabled setting (null when unknown). */
    static DevicePages of(Path abs, List<String> mountinfo, String shmemEnabled) {
        Path best = null;
        String[] bestFields = null;
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            String[] pre = line.split(" ");
            if (dash < 0 || pre.length < 5) {
                continue;
            }
            Path mount = Path.of(unescape(pre[4]));
            // the last of equally long matches is the mount on top (mounted later over the same point)
            if (abs.startsWith(mount) && (best == null || mount.getNameCount() >= best.getNameCount())) {
                best = mount;
                bestFields = line.substring(dash + 3).split(" ");
            }
        }
        if (best == null || bestFields.length < 1) {
            return new DevicePages(abs, "unknown", "-", false);
        }
        String type = bestFields[0];
        String options = bestFields.length > 2 ? bestFields[2] : "";
        if (type.equals("hugetlbfs")) {
            return new DevicePages(best, type, "-", true);
        }
        if (!type.equals("tmpfs")) {
            return new DevicePages(best, type, "-", false);
        }
        String huge = "never";
        for (String o : options.split(",")) {
            if (o.startsWith("huge=")) {
                huge = o.substring(5);
            }
        }
        if ("force".equals(shmemEnabled) || "deny".equals(shmemEnabled)) {
            huge = shmemEnabled;
        }
        boolean yes = huge.equals("always") || huge.equals("within_size") || huge.equals("force");
        return new DevicePages(best, type, huge, yes);
    }

    /** The selected value of shmem_enabled ("always within_size advise [never] deny force"), or null. */
    private static String readShmemEnabled() {
        try {
            String s = Files.readString(SHMEM_ENABLED);
            int a = s.indexOf('[');
            int b = s.indexOf(']');
            return a >= 0 && b > a ? s.substring(a + 1, b) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** mountinfo escapes space, tab, newline and backslash in paths as octal. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** Bytes of one page of a file written there. */
    public long pageBytes() {
        return huge ? HUGE_PAGE : SMALL_PAGE;
    }

    /** E.g. "/dev/shm (tmpfs, huge=never): 4 KiB pages". */
    public String describe() {
        String opt = hugeOption.equals("-") ? "" : ", huge=" + hugeOption;
        String pages = huge ? "2 MiB pages" : hugeOption.equals("advise") ? "4 KiB pages (advise: only for mappings that"
                + " ask before the pages exist; shmkit allocates them first)" : "4 KiB pages";
        return mountPoint + " (" + fsType.toLowerCase(Locale.ROOT) + opt + "): " + pages;
    }
}
