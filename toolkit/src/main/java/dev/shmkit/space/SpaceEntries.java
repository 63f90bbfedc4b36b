package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.array.SharedArray;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.segment.Processes;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.segment.SegmentSource;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Describes one version for a listing. The version is attached through the segment source, so an
 * entry this process already maps is not mapped again, and one it does not map is unmapped before
 * the description returns: a listing leaves no mapping behind. A version that cannot be read
 * (corrupt, truncated, a format from elsewhere) is listed as damaged, with the reason, instead of
 * failing the whole listing.
 */
final class SpaceEntries {
    private SpaceEntries() {
    }

    /** The entry for {@code f}, or null when it was replaced or removed while listing. */
    static SpaceEntry describe(SegmentSource source, SegmentFile f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
            long rows = -1;
            int cols = -1;
            String type;
            if (f.kind() == SegmentKind.TABLE) {
                try (SharedTable t = SharedTable.attach(source, f.id())) {
                    rows = t.rowCount();
                    cols = t.columnCount();
                    type = "table";
                }
            } else if (f.kind() == SegmentKind.OBJECT) {
                try (ObjectSegment s = ObjectSegment.attach(source, f.id())) {
                    type = s.valueClassName();
                }
            } else if (f.kind() == SegmentKind.ARRAY) {
                try (SharedArray arr = SharedArray.attachAny(f.id())) {
                    rows = arr.length();
                    type = arr.type().javaName() + "[" + arr.length() + "]";
                }
            } else {
                type = f.kind().name().toLowerCase(java.util.Locale.ROOT) + " segment"; // raw bytes: nothing to decode
            }
            return new SpaceEntry(f.name(), f.kind(), f.version(), a.size(), rows, cols, type, f.pid(),
                    f.pid() == SegmentStore.PID || Processes.alive(f.pid()), a.lastModifiedTime().toInstant(), f.path());
        } catch (SegmentNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // one unreadable version must not hide the others: list it as damaged, with the reason
            return damaged(f, e);
        }
    }

    /** The entry for a version that cannot be read, or null when it is gone meanwhile. */
    private static SpaceEntry damaged(SegmentFile f, Exception cause) {
        if (!Files.exists(f.path())) {
            return null; // replaced or removed while being read
        }
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (!(cause instanceof ShmkitException)) {
            reason = cause.getClass().getSimpleName() + ": " + reason;
        }
        long bytes = -1;
        Instant created = Instant.EPOCH;
        try {
            BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
            bytes = a.size();
            created = a.lastModifiedTime().toInstant();
        } catch (IOException e) {
            // listed with what the file name says
        }
        return new SpaceEntry(f.name(), f.kind(), f.version(), bytes, -1, -1, SpaceEntry.DAMAGED + ": " + reason, f.pid(),
                f.pid() == SegmentStore.PID || Processes.alive(f.pid()), created, f.path(), reason);
    }
}
