package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.TableCopy;
import dev.shmkit.job.TableProxy;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.proxy.ProxyServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a table job's table and builds each task's input (a range, a range with the version to
 * stream, or a range with the proxy handle and schema), and serves the table in proxy mode. Opens nothing: the job runs on the version the caller's view holds, named by its id.
 */
final class TableJobs {
    private TableJobs() {
    }

    /**
     * The id a job over {@code table} names it by; refuses a slice (a range of a slice would name other
     * rows). A table of a space has its own id; an Arrow file outside any space (written by pyarrow, say)
     * gets one made of its directory, file name and modification time (so a rewritten file is mapped
     * again), and {@code foreign[0]} is set to its path.
     */
    static SegmentId versionOf(SharedTable table, String[] foreign) {
        if (table.isClosed()) {
            throw new ShmkitException("pool.map: the table view is closed (" + table + "); attach it again with space.table(name)");
        }
        SegmentId id = table.id();
        if (id == null && foreign != null && table.isWhole()) {
            id = foreignId(table.path());
            foreign[0] = id == null ? null : table.path().toAbsolutePath().toString();
        }
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

    private static SegmentId foreignId(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            long modified = Files.getLastModifiedTime(abs).toMillis();
            return SegmentId.of(abs.getParent(), abs.getFileName().toString(), Math.max(1, modified), SegmentKind.TABLE);
        } catch (IOException | RuntimeException e) {
            return null; // not a nameable file (e.g. a name a segment may not have): refused with the fix below
        }
    }

    /**
     * In proxy mode, starts serving {@code table} to the job's tasks ({@link ProxyServer#register}) and
     * returns the handle their reads name; 0 (nothing served) in the other modes.
     */
    static long serve(SharedTable table, JobOptions options) {
        return options.access() == AccessMode.PROXY ? ProxyServer.process().register(table, options.name()) : 0;
    }

    /** Stops serving what {@link #serve} started (nothing for 0); idempotent. */
    static void stopServing(long handle) {
        if (handle != 0) {
            ProxyServer.process().unregister(handle);
        }
    }

    /** Each task's input in the job's mode: {@code proxy} is the handle from {@link #serve} (0 outside proxy mode). */
    static List<Object> inputs(SharedTable table, SegmentId id, String foreignFile, long proxy, List<RowRange> ranges,
                               JobOptions options) {
        return proxy != 0 ? proxyInputs(table, id, proxy, ranges) : inputs(id, foreignFile, ranges, options);
    }

    /**
     * Proxy mode: each range with the schema and the handle under which {@code table} is served for the
     * job ({@code handle}, from {@code ProxyServer.register}); the tasks' reads are requests.
     */
    private static List<Object> proxyInputs(SharedTable table, SegmentId id, long handle, List<RowRange> ranges) {
        var schema = table.schema();
        String[] names = schema.keySet().toArray(new String[0]);
        String[] types = schema.values().toArray(new String[0]);
        List<Object> inputs = new ArrayList<>(ranges.size());
        for (RowRange r : ranges) {
            inputs.add(new TableProxy(r, id, handle, names, types, table.rowCount()));
        }
        return inputs;
    }

    /** Share mode: the ranges themselves. Copy mode: each range with the version the backend streams to the worker. */
    static List<Object> inputs(SegmentId table, String foreignFile, List<RowRange> ranges, JobOptions options) {
        List<Object> inputs = new ArrayList<>(ranges.size());
        if (!options.isCopyTable()) {
            inputs.addAll(ranges);
            return inputs;
        }
        Path file = foreignFile != null ? Path.of(foreignFile) : LocalSegmentSource.get().locateFile(table).orElseThrow(() ->
                new SegmentNotFoundException("copy mode: segment " + table + " in space " + table.space() + " has no file any more"));
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ShmkitException("copy mode: segment " + table + " file=" + file + " is not readable: " + e, e);
        }
        for (RowRange r : ranges) {
            inputs.add(new TableCopy(r, table, foreignFile, bytes));
        }
        return inputs;
    }
}
