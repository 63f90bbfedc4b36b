package dev.shmkit.segment;

import dev.shmkit.memory.Bytes;

import java.util.List;

/**
 * What a sweep removed: segments (and unfinished temporary files, and spare files kept for recycling)
 * whose publisher process is gone and that no live process maps; and what it kept because someone still maps it.
 */
public record SweepReport(List<SegmentFile> removed, int temporaryFilesRemoved, long bytesFreed,
                          List<SegmentFile> keptBecauseMapped) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("sweep: removed=" + removed.size() + " segments, temporary="
                + temporaryFilesRemoved + ", freed=" + Bytes.human(bytesFreed) + ", kept (still mapped)="
                + keptBecauseMapped.size());
        for (SegmentFile f : removed) {
            sb.append("\n  removed ").append(f.name()).append(" v").append(f.version())
                    .append(" (publisher pid ").append(f.pid()).append(" is gone)");
        }
        for (SegmentFile f : keptBecauseMapped) {
            sb.append("\n  kept ").append(f.name()).append(" v").append(f.version()).append(" (mapped by a live process)");
        }
        return sb.toString();
    }
}
