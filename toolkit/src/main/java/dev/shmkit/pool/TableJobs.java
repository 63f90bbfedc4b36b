package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.TableCopy;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a table job's table and builds each task's input (a range, or a range with the version to
 * stream). Opens nothing: the job runs on the version the caller's view holds, named by its id.
 */
final class TableJobs {
    private TableJobs() {
    }

    /**
     * The version a job over {@code table} reads. Refuses a table outside any space (workers open
     * segments by id) and a slice (a range of a slice would name other rows).
     */
    static SegmentId versionOf(SharedTable table) {
        if (table.isClosed()) {
            throw new ShmkitException("pool.map: the table view is closed (" + table + "); attach it again with space.table(name)");
        }
        SegmentId id = table.id();
        if (id == null) {
            throw new ShmkitException("pool.map needs a table published in a space: file=" + table.path()
                    + " was opened from outside any space, so workers cannot attach it by name; publish it first"
                    + " (space.publish(\"name\", table.copyToTable()))");
        }
        if (!table.isWhole()) {
            throw new ShmkitException("pool.map needs the whole table of segment " + id + ": got rows="
                    + table.rowCount() + " starting at row " + table.firstRow() + " (a slice); map the whole table and"
                    + " restrict rows inside the task, or publish the slice as its own table");
        }
        return id;
    }

    /** Share mode: the ranges themselves. Copy mode: each range with the version the backend streams to the worker. */
    static List<Object> inputs(SegmentId table, List<RowRange> ranges, JobOptions options) {
        List<Object> inputs = new ArrayList<>(ranges.size());
        if (!options.isCopyTable()) {
            inputs.addAll(ranges);
            return inputs;
        }
        Path file = LocalSegmentSource.get().locateFile(table).orElseThrow(() -> new SegmentNotFoundException(
                "copy mode: segment " + table + " in space " + table.space() + " has no file any more"));
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ShmkitException("copy mode: segment " + table + " file=" + file + " is not readable: " + e, e);
        }
        for (RowRange r : ranges) {
            inputs.add(new TableCopy(r, table, bytes));
        }
        return inputs;
    }
}
