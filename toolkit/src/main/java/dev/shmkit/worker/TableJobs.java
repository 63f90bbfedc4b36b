package dev.shmkit.worker;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.TableCopy;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Splits a table into the row ranges of a map job and builds each task's input. */
final class TableJobs {
    private TableJobs() {
    }

    /** The ranges for {@code rows} rows: {@code chunkRows} each, else {@code chunkCount}, else 4 per worker. */
    static List<RowRange> ranges(int rows, JobOptions options, int workers) {
        long per;
        if (options.chunkRows() > 0) {
            per = options.chunkRows();
        } else {
            int count = options.chunkCount() > 0 ? options.chunkCount()
                    : JobOptions.AUTO_CHUNKS_PER_WORKER * Math.max(1, workers);
            per = Math.max(1, ((long) rows + count - 1) / count);
        }
        List<RowRange> out = new ArrayList<>();
        for (long from = 0; from < rows; from += per) {
            out.add(new RowRange((int) from, (int) Math.min(rows, from + per)));
        }
        return out;
    }

    /** Shared mode: the ranges themselves. Copy mode: each range with the whole file's bytes (one array, sent per task). */
    static List<Object> inputs(SharedTable table, List<RowRange> ranges, JobOptions options) {
        List<Object> inputs = new ArrayList<>(ranges.size());
        if (!options.isCopyTable()) {
            inputs.addAll(ranges);
            return inputs;
        }
        byte[] file;
        try {
            file = Files.readAllBytes(table.path());
        } catch (IOException e) {
            throw new ShmkitException("copy mode: reading table file=" + table.path() + " failed: " + e, e);
        }
        for (RowRange r : ranges) {
            inputs.add(new TableCopy(r, file));
        }
        return inputs;
    }

    /** Length and modification time, so a rewritten file at the same path is attached again. */
    static String version(Path file) {
        try {
            return Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new ShmkitException("table file=" + file + " is not readable: " + e, e);
        }
    }
}
