package dev.shmkit.segment;

import dev.shmkit.memory.Bytes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who maps the segments of one space right now, and what that costs in physical memory, read from
 * the operating system ({@code /proc/PID/maps} to find the processes, {@code /proc/PID/smaps} for
 * their resident and proportional bytes). Any process of the user counts: the notebook, each worker,
 * a Python process that memory-maps a segment with pyarrow.
 *
 * <p>RSS is what a process has resident of the segment; PSS divides each page among the processes
 * that map it, so the PSS of all holders sums to the physical memory the mapped pages take once.
 * With two workers and the notebook reading a 320 MB table: three holders, about 320 MB RSS each,
 * and about 320 MB PSS in total. A copy does not show here as a holder: it shows as the
 * {@link Holder#anonymousBytes() private (anonymous) memory} of the process that made it.
 *
 * @param directory the space directory
 * @param segments  every segment file under it that some process maps, by name and version
 * @param holders   every process that maps one of them, by pid
 */
public record SegmentMappings(Path directory, List<Segment> segments, List<Holder> holders) {
    /**
     * One mapped segment file.
     *
     * @param name      entry name
     * @param version   version
     * @param state     "published", "retired" (superseded, still mapped), "draft" or "deleted"
     * @param path      the file as the processes map it
     * @param fileBytes the file's length, or -1 when it was unlinked
     * @param uses      one per process that maps it
     */
    public record Segment(String name, long version, String state, Path path, long fileBytes, List<Use> uses) {
        /** Sum of the holders' PSS: the physical memory its mapped, resident pages take, counted once. */
        public long pssBytes() {
            return uses.stream().mapToLong(Use::pssBytes).sum();
        }

        /** Sum of the holders' RSS (each shared page counted once per holder). */
        public long rssBytes() {
            return uses.stream().mapToLong(Use::rssBytes).sum();
        }
    }

    /**
     * One process's mappings of one segment.
     *
     * @param pid      process id
     * @param command  a short label of the process ("java WorkerMain", "python3 reader.py")
     * @param rssBytes resident bytes of the segment in this process (over all its mappings of it)
     * @param pssBytes its proportional share of those pages
     */
    public record Use(long pid, String command, long rssBytes, long pssBytes) {
    }

    /**
     * One process that maps segments of the space.
     *
     * @param pid            process id
     * @param command        a short label of the process
     * @param self           whether it is this process
     * @param segments       how many segment files it maps
     * @param rssBytes       resident bytes of all of them
     * @param pssBytes       its proportional share of those
     * @param anonymousBytes its private (anonymous) memory: heap, stacks, copies; -1 when unreadable
     */
    public record Holder(long pid, String command, boolean self, int segments, long rssBytes, long pssBytes,
                         long anonymousBytes) {
    }

    /** Reads who maps the segments under {@code spaceDirectory} now (published, retired, drafts). */
    public static SegmentMappings of(Path spaceDirectory) {
        Path dir = spaceDirectory.toAbsolutePath().normalize();
        String prefix = dir + "/";
        Map<Long, Segment> byInode = new LinkedHashMap<>();
        List<Holder> holders = new ArrayList<>();
        for (long pid : Processes.mapping(dir)) {
            List<Smaps.FileUse> files = Smaps.filesUnder(pid, prefix);
            if (files.isEmpty()) {
                continue; // exited, or its maps changed meanwhile
            }
            String command = pid == SegmentStore.PID ? "this process" : Processes.command(pid);
            long rss = 0;
            long pss = 0;
            for (Smaps.FileUse f : files) {
                rss += f.rssBytes();
                pss += f.pssBytes();
                Segment s = byInode.computeIfAbsent(f.inode(), i -> segment(dir, f));
                s.uses().add(new Use(pid, command, f.rssBytes(), f.pssBytes()));
            }
            holders.add(new Holder(pid, command, pid == SegmentStore.PID, files.size(), rss, pss, Smaps.anonymousBytes(pid)));
        }
        List<Segment> segments = new ArrayList<>();
        for (Segment s : byInode.values()) {
            segments.add(new Segment(s.name(), s.version(), s.state(), s.path(), s.fileBytes(), List.copyOf(s.uses())));
        }
        segments.sort(Comparator.comparing(Segment::name).thenComparingLong(Segment::version));
        return new SegmentMappings(dir, List.copyOf(segments), List.copyOf(holders));
    }

    /** The segment of {@code f} (with a mutable list of uses, copied when done). */
    private static Segment segment(Path dir, Smaps.FileUse f) {
        String shown = f.deleted() ? f.path().substring(0, f.path().length() - Smaps.DELETED.length()) : f.path();
        Path path = Path.of(shown);
        SegmentFile parsed = SegmentFile.parse(path);
        String parent = path.getParent() == null ? "" : path.getParent().toString();
        String state = f.deleted() ? "deleted"
                : parent.endsWith("/" + SegmentStore.RETIRED) ? "retired"
                : parent.endsWith("/" + SegmentStore.TMP) ? "draft"
                : parent.equals(dir.toString()) ? "published" : "other";
        String name = parsed != null ? parsed.name() : path.getFileName().toString();
        long version = parsed != null ? parsed.version() : 0;
        long bytes = f.deleted() ? -1 : SegmentFiles.sizeOrMinusOne(path);
        return new Segment(name, version, state, path, bytes, new ArrayList<>());
    }

    /** The segment {@code name} (its newest mapped version), if some process maps it. */
    public java.util.Optional<Segment> segment(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).max(Comparator.comparingLong(Segment::version));
    }

    /** Sum of PSS over every segment: the physical memory the mapped segments take, each page counted once. */
    public long pssBytes() {
        return segments.stream().mapToLong(Segment::pssBytes).sum();
    }

    /** A plain-text table per segment, then per process. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("who maps space " + directory + ": " + segments.size() + " segment"
                + (segments.size() == 1 ? "" : "s") + " mapped by " + holders.size() + " process"
                + (holders.size() == 1 ? "" : "es") + "\n");
        for (Segment s : segments) {
            sb.append(String.format(Locale.ROOT, "%s v%d (%s, file %s): %d process%s, physical (PSS sum) %s%n", s.name(),
                    s.version(), s.state(), s.fileBytes() < 0 ? "unlinked" : Bytes.human(s.fileBytes()), s.uses().size(),
                    s.uses().size() == 1 ? "" : "es", Bytes.human(s.pssBytes())));
            sb.append(String.format(Locale.ROOT, "  %-8s %-22s %12s %12s%n", "pid", "process", "resident", "PSS"));
            for (Use u : s.uses()) {
                sb.append(String.format(Locale.ROOT, "  %-8d %-22s %12s %12s%n", u.pid(), u.command(),
                        Bytes.human(u.rssBytes()), Bytes.human(u.pssBytes())));
            }
        }
        if (!holders.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "processes:%n  %-8s %-22s %8s %12s %12s %14s%n", "pid", "process",
                    "segments", "resident", "PSS", "private (anon)"));
            for (Holder h : holders) {
                sb.append(String.format(Locale.ROOT, "  %-8d %-22s %8d %12s %12s %14s%n", h.pid(), h.command(), h.segments(),
                        Bytes.human(h.rssBytes()), Bytes.human(h.pssBytes()),
                        h.anonymousBytes() < 0 ? "?" : Bytes.human(h.anonymousBytes())));
            }
        }
        sb.append("total physical memory of mapped segments (PSS sum): ").append(Bytes.human(pssBytes())).append('\n');
        return sb.toString();
    }
}
