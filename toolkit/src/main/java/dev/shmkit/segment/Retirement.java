package dev.shmkit.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Giving a version's bytes back. A superseded or removed version that no process maps is unlinked
 * at once, or, for a republish, parked as a {@link SpareFiles spare} whose pages the next publish
 * reuses; one that some process still maps is renamed into {@code <space>/.retired/} (a rename keeps
 * the inode, so every mapping stays valid, and a job can still open the exact version it was given)
 * and unlinked by whoever unmaps the last mapping ({@link #unlinkIfUnmapped}) or by a sweep.
 */
final class Retirement {
    private Retirement() {
    }

    /** Unlinks or retires each of {@code files} (all in the space directory {@code dir}); returns the retired ones. */
    static List<SegmentFile> retireOrUnlink(Path dir, List<SegmentFile> files) {
        return retireOrUnlink(dir, files, -1, false);
    }

    /**
     * As {@link #retireOrUnlink(Path, List)} for versions a republish superseded: one nobody maps is
     * parked as a spare when {@link SpareFiles#park} takes it, else unlinked.
     */
    static List<SegmentFile> retireOrRecycle(Path dir, List<SegmentFile> files) {
        return retireOrUnlink(dir, files, -1, true);
    }

    /** As {@link #retireOrUnlink(Path, List)}, not counting this process's mappings (it is exiting). */
    static List<SegmentFile> unlinkIgnoringSelf(Path dir, List<SegmentFile> files) {
        return retireOrUnlink(dir, files, SegmentStore.PID, false);
    }

    private static List<SegmentFile> retireOrUnlink(Path dir, List<SegmentFile> files, long ignoredPid, boolean recycle) {
        List<SegmentFile> retired = new ArrayList<>();
        if (files.isEmpty()) {
            return retired;
        }
        Map<Long, SegmentFile> byInode = new HashMap<>();
        for (SegmentFile f : files) {
            long ino = Processes.inode(f.path());
            if (ino >= 0) {
                byInode.put(ino, f);
            }
        }
        Set<Long> mapped = Processes.mappedAmong(dir, byInode.keySet(), ignoredPid);
        for (Map.Entry<Long, SegmentFile> e : byInode.entrySet()) {
            SegmentFile f = e.getValue();
            if (mapped.contains(e.getKey())) {
                Path target = dir.resolve(SegmentStore.RETIRED).resolve(f.path().getFileName());
                try {
                    Files.move(f.path(), target, StandardCopyOption.ATOMIC_MOVE);
                    retired.add(new SegmentFile(f.name(), f.version(), f.pid(), f.kind(), target));
                } catch (IOException ex) {
                    SegmentFiles.deleteQuietly(f.path()); // cannot keep it openable: unlinking is still safe for mappers
                }
            } else if (!recycle || !SpareFiles.park(dir, f)) {
                SegmentFiles.deleteQuietly(f.path());
            }
        }
        return retired;
    }

    /**
     * After this process unmapped {@code fileName} of space {@code dir}: unlinks its retired copy (or parks
     * it as a spare) when no process maps it any more. Cheap when the file is not retired (one failed stat).
     */
    static void unlinkIfUnmapped(Path dir, Path fileName) {
        Path retired = dir.resolve(SegmentStore.RETIRED).resolve(fileName);
        if (Processes.inode(retired) < 0) {
            return;
        }
        // Under the space lock: an attach by id maps under it too, so "nobody maps it" cannot go stale
        // between the check and the unlink (a process that opened the file meanwhile would hold an orphan).
        SpaceLock.of(dir).with(() -> {
            long ino = Processes.inode(retired);
            if (ino >= 0 && Processes.mappedAmong(dir, Set.of(ino)).isEmpty()) {
                SegmentFile f = SegmentFile.parse(retired);
                // superseded (its name is published again): keep its pages for the next publish; removed: give them back
                if (f == null || SegmentFiles.versions(dir, f.name()).isEmpty() || !SpareFiles.park(dir, f)) {
                    SegmentFiles.deleteQuietly(retired);
                }
            }
            return null;
        });
    }

    /** Unlinks the retired versions of space {@code dir} that no process maps any more (under the lock); returns how many. */
    static int unlinkUnmappedRetired(Path dir) {
        Map<Long, SegmentFile> byInode = new HashMap<>();
        for (SegmentFile f : SegmentFiles.list(dir.resolve(SegmentStore.RETIRED), "*", f -> true)) {
            long ino = Processes.inode(f.path());
            if (ino >= 0) {
                byInode.put(ino, f);
            }
        }
        if (byInode.isEmpty()) {
            return 0;
        }
        Set<Long> mapped = Processes.mappedAmong(dir, byInode.keySet());
        int unlinked = 0;
        for (Map.Entry<Long, SegmentFile> e : byInode.entrySet()) {
            if (!mapped.contains(e.getKey()) && SegmentFiles.deleteQuietly(e.getValue().path())) {
                unlinked++;
            }
        }
        return unlinked;
    }
}
