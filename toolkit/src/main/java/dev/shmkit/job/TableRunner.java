package dev.shmkit.job;

import dev.shmkit.table.SharedTable;

import java.nio.file.Path;

/**
 * Runs a {@link RowTask} on a table. Shared mode: the input is a {@link RowRange}; the worker maps
 * the segment once (the first task pays the attach time) and keeps it. Copy mode: the input is a
 * {@link TableCopy}; the whole file was streamed to the worker with the task into a private file,
 * which is mapped for this one task and then unmapped and deleted — the cost of passing a big
 * object with every task.
 */
public final class TableRunner<R> implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    private final RowTask<R> task;
    private final String path;
    private final String version;

    /** {@code version} distinguishes rewrites of the same path (length and modification time). */
    public TableRunner(RowTask<R> task, String path, String version) {
        this.task = task;
        this.path = path;
        this.version = version;
    }

    @Override
    public Object run(Object input, TaskContext context) throws Exception {
        if (input instanceof TableCopy copy) {
            return runOnCopy(copy, context);
        }
        RowRange range = (RowRange) input;
        SharedTable table = context.cached("table:" + path + "@" + version, () -> SharedTable.open(Path.of(path)));
        if (table.rowCount() > 0) {
            context.addBytesMapped(table.mappedBytes() * range.size() / table.rowCount());
        }
        return task.apply(table, range);
    }

    private Object runOnCopy(TableCopy copy, TaskContext context) throws Exception {
        Path file = context.receivedCopy();
        if (file == null) {
            throw new IllegalStateException("copy-mode task rows " + copy.range() + ": no copy of file=" + copy.file()
                    + " was received (the backend streams it with the task)");
        }
        long t0 = System.nanoTime();
        try (SharedTable table = SharedTable.open(file)) {
            context.addAttachNanos(System.nanoTime() - t0);
            return task.apply(table, copy.range());
        }
    }
}
