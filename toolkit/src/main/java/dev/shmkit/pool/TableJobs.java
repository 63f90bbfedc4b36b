package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.TableCopy;
import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks a table job's table and builds each task's input (a range, or a range with the file to stream). */
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

    /** Share mode: the ranges themselves. Copy mode: each range with the file the backend streams to the worker. */
    static List<Object> inputs(SharedTable table, List<RowRange> ranges, JobOptions options) {
        List<Object> inputs = new ArrayList<>(ranges.size());
        if (!options.isCopyTable()) {
            inputs.addAll(ranges);
            return inputs;
        }
        Path file = table.path().toAbsolutePath();
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ShmkitException("copy mode: table file=" + file + " is not readable: " + e, e);
        }
        for (RowRange r : ranges) {
            inputs.add(new TableCopy(r, file.toString(), bytes));
        }
        return inputs;
    }

    /**
     * Makes the directory copy-mode workers receive into ({@code .tmp/} beside the table, mode 0700);
     * returns it if this call created it (the caller removes it after the job), else null.
     */
    static Path ensureReceiveDirectory(SharedTable table) {
        Path dir = table.path().toAbsolutePath().getParent().resolve(TableCopy.TMP_DIR);
        if (Files.isDirectory(dir)) {
            return null;
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return dir;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            throw new ShmkitException("copy mode: creating directory=" + dir + " for the workers' copies failed: " + e, e);
        }
    }

    /** Removes a receive directory this pool created, if it is empty (another job may still use it). */
    static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // not empty: a concurrent copy job still receives into it; the space's sweep handles leftovers
        }
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
