package dev.shmkit.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One sweep of a space directory (run under the space lock). */
final class Sweep {
    private Sweep() {
    }

    static SweepReport run(Path dir, Path tmpDir, Path retiredDir) {
        Map<Long, SegmentFile> candidates = new HashMap<>();
        for (SegmentFile f : SegmentFiles.list(dir, "*", f -> true)) {
            if (f.pid() != SegmentStore.PID && !Processes.alive(f.pid())) {
                candidates.put(Processes.inode(f.path()), f);
            }
        }
        for (SegmentFile f : SegmentFiles.list(retiredDir, "*", f -> true)) {
            candidates.put(Processes.inode(f.path()), f); // retired: only kept for those who map it
        }
        Set<Long> mapped = Processes.mappedAmong(dir, candidates.keySet());
        List<SegmentFile> removed = new ArrayList<>();
        List<SegmentFile> kept = new ArrayList<>();
        long freed = 0;
        for (Map.Entry<Long, SegmentFile> e : candidates.entrySet()) {
            SegmentFile f = e.getValue();
            if (mapped.contains(e.getKey())) {
                kept.add(f);
                continue;
            }
            long size = SegmentFiles.sizeOrZero(f.path());
            if (SegmentFiles.deleteQuietly(f.path())) {
                removed.add(f);
                freed += size;
            }
        }
        long[] tally = {0, 0}; // files, bytes: unfinished files and spares of processes that are gone
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpDir)) {
            unlinkOrphans(ds, tally);
        } catch (IOException e) {
            // no temporary directory: nothing to sweep there
        }
        unlinkOrphans(SpareFiles.list(dir), tally); // parked by a process that is gone: nobody will take them soon
        int tmpRemoved = (int) tally[0];
        freed += tally[1];
        removed.sort(java.util.Comparator.comparing(SegmentFile::name));
        kept.sort(java.util.Comparator.comparing(SegmentFile::name));
        return new SweepReport(removed, tmpRemoved, freed, kept);
    }

    /** Unlinks those of {@code files} whose process ({@link #ownerOfTemporary}) is gone, adding to {@code tally} {files, bytes}. */
    private static void unlinkOrphans(Iterable<Path> files, long[] tally) {
        for (Path p : files) {
            long pid = ownerOfTemporary(p);
            if (pid > 0 && pid != SegmentStore.PID && !Processes.alive(pid)) {
                long size = SegmentFiles.sizeOrZero(p);
                if (SegmentFiles.deleteQuietly(p)) {
                    tally[0]++;
                    tally[1] += size;
                }
            }
        }
    }

    /**
     * The pid a file under {@code .tmp/} belongs to: a draft's creator ({@code name.v4.p<pid>.ext}) or
     * a publisher's temporary file ({@code name.<pid>.<seq>.ext}, spares too); -1 when the name says neither.
     */
    static long ownerOfTemporary(Path p) {
        SegmentFile draft = SegmentFile.parse(p);
        if (draft != null) {
            return draft.pid();
        }
        String[] parts = p.getFileName().toString().split("\\.");
        if (parts.length < 4) {
            return -1;
        }
        try {
            return Long.parseLong(parts[parts.length - 3]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
