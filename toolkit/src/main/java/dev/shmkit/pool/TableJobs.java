package dev.shmkit.pool;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Splits a table into the row ranges of a map job and builds each task's input. */
final class TableJobs {
    /** Row counts of whole table files by path and version, so the slice check maps each file once. */
    private static final Map<String, Integer> FILE_ROWS = new ConcurrentHashMap<>();

    private TableJobs() {
    }

    /**
     * Refuses a slice: workers map the whole file and a range of a slice would name other rows.
     * A table with as many rows as its file is the whole table.
     */
    static void checkWhole(SharedTable table, String version) {
        int fileRows = FILE_ROWS.computeIfAbsent(table.path().toAbsolutePath() + "@" + version, k -> {
            try (SharedTable whole = SharedTable.open(table.path())) {
                return whole.rowCount();
            }
        });
        if (fileRows != table.rowCount()) {
            throw new ShmkitException("pool.map needs the whole table of " + table.path() + ": got rows="
                    + table.rowCount() + " of " + fileRows + " (a slice?); map the whole table and restrict rows "
                    + "inside the task, or publish the slice as its own table");
        }
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
