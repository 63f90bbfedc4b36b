package dev.shmkit.job;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.proxy.ProxyClient;

import java.nio.file.Path;

/**
 * Runs a {@link RowTask} on a table version named by its {@link SegmentId}. Shared mode: the input is a
 * {@link RowRange}; the worker maps the version once (the first task pays the attach time) and keeps it
 * in its {@link SegmentCache}, which drops it when a newer version of the name is used or the parent says
 * it was replaced. Copy mode: the input is a {@link TableCopy}; the whole file was streamed to the worker
 * with the task into a private file, which is mapped for this one task and then unmapped and deleted —
 * the cost of passing a big object with every task. Proxy mode: the input is a {@link TableProxy}; the task's
 * view is a proxy whose every column read is a request to the parent (counted in the {@link TaskContext}).
 */
public final class TableRunner<R> implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    /** The cache form of a zero-copy view (shared with notebook variables that hold the same version). */
    public static final String VIEW = "VIEW";
    private final RowTask<R> task;
    /** The cache form of a view of an Arrow file outside any space. */
    private static final String FILE_VIEW = "FILE";
    private final SegmentId table;
    private final String foreignFile;

    /** {@code table}: the version the caller holds (it stays openable by id while the caller maps it). */
    public TableRunner(RowTask<R> task, SegmentId table) {
        this(task, table, null);
    }

    /**
     * For an Arrow file outside any space: {@code table} is the id it is cached under (its directory, file
     * name and modification time as version, so a rewritten file is mapped again) and {@code foreignFile}
     * its path, which the worker maps.
     */
    public TableRunner(RowTask<R> task, SegmentId table, String foreignFile) {
        this.task = task;
        this.table = table;
        this.foreignFile = foreignFile;
    }

    /** The version this job reads. */
    public SegmentId table() {
        return table;
    }

    /** The user's task (a cluster member runs it over its own local copy of {@link #table()}). */
    public RowTask<R> task() {
        return task;
    }

    @Override
    public Object run(Object input, TaskContext context) throws Exception {
        if (input instanceof TableCopy copy) {
            return runOnCopy(copy, context);
        }
        if (input instanceof TableProxy proxy) {
            return runOnProxy(proxy, context);
        }
        RowRange range = (RowRange) input;
        long t0 = System.nanoTime();
        boolean[] attached = {false};
        SharedTable view = SegmentCache.process().get(table, foreignFile == null ? VIEW : FILE_VIEW, id -> {
            attached[0] = true;
            return foreignFile == null ? SharedTable.attach(LocalSegmentSource.get(), id) : SharedTable.open(Path.of(foreignFile));
        });
        if (attached[0]) {
            context.addAttachNanos(System.nanoTime() - t0);
        }
        if (view.rowCount() > 0) {
            context.addBytesMapped(view.mappedBytes() * range.size() / view.rowCount());
        }
        return task.apply(view, range);
    }

    /** Proxy mode: a view whose every read is a request to the parent; nothing is mapped, nothing kept after the task. */
    private Object runOnProxy(TableProxy p, TaskContext context) throws Exception {
        if (context.proxyTransport() == null) {
            throw new IllegalStateException("proxy-mode task rows " + p.range() + " of segment " + p.table()
                    + ": this worker has no channel to the parent (the backend sets one)");
        }
        ProxyClient client = new ProxyClient(p.handle(), context.proxyTransport());
        SharedTable view = SharedTable.proxy(p.table(), p.table() + " (proxy)", p.schema(), p.rows(), client);
        try {
            return task.apply(view, p.range());
        } finally {
            view.close();
            context.addProxyReads(client.requests(), client.bytesMoved(), client.waitNanos());
        }
    }

    private Object runOnCopy(TableCopy copy, TaskContext context) throws Exception {
        Path file = context.receivedCopy();
        if (file == null) {
            throw new IllegalStateException("copy-mode task rows " + copy.range() + ": no copy of segment " + copy.table()
                    + " was received (the backend streams it with the task)");
        }
        long t0 = System.nanoTime();
        try (SharedTable view = SharedTable.open(file)) {
            context.addAttachNanos(System.nanoTime() - t0);
            return task.apply(view, copy.range());
        }
    }
}
