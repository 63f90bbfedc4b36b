package dev.shmkit.space;

import dev.shmkit.ShmkitException;
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

/**
 * Describes one version for a listing. The version is attached through the segment source, so an
 * entry this process already maps is not mapped again, and one it does not map is unmapped before
 * the description returns: a listing leaves no mapping behind.
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
            } else {
                try (ObjectSegment s = ObjectSegment.attach(source, f.id())) {
                    type = s.valueClassName();
                }
            }
            return new SpaceEntry(f.name(), f.kind(), f.version(), a.size(), rows, cols, type, f.pid(),
                    f.pid() == SegmentStore.PID || Processes.alive(f.pid()), a.lastModifiedTime().toInstant(), f.path());
        } catch (SegmentNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ShmkitException("cannot read " + f.path() + ": " + e, e);
        }
    }
}
