package dev.shmkit.job;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.OutputLayout;
import dev.shmkit.table.OutputRows;
import dev.shmkit.table.SharedTable;

/**
 * Runs an {@link OutputRowTask} (or an {@link OutputTask} when there is no input table) on a row range:
 * the worker maps the input version once (as {@link TableRunner} does) and the output's draft once per
 * job, read-write, in its {@link SegmentCache} (form {@value #FORM}); each task gets write access to its
 * own rows only. The parent evicts the draft from every worker when the job ends, whatever the outcome.
 */
public final class OutputRunner implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    /** The cache form of an output draft mapped read-write. */
    public static final String FORM = "OUTPUT";
    private final Object task;
    /** The input version, or null for an {@link OutputTask}. */
    private final SegmentId table;
    private final OutputLayout output;

    /** A map from {@code table} into {@code output}. */
    public OutputRunner(OutputRowTask task, SegmentId table, OutputLayout output) {
        this.task = task;
        this.table = table;
        this.output = output;
    }

    /** A map that only writes {@code output}. */
    public OutputRunner(OutputTask task, OutputLayout output) {
        this.task = task;
        this.table = null;
        this.output = output;
    }

    /** The task ({@link OutputRowTask} or {@link OutputTask}). */
    public Object task() {
        return task;
    }

    /** The input version, or null for an {@link OutputTask}. */
    public SegmentId table() {
        return table;
    }

    /** Where the values go. */
    public OutputLayout output() {
        return output;
    }

    /** The same task reading {@code table} and writing {@code output} (a cluster member's own copies). */
    public OutputRunner relocated(SegmentId table, OutputLayout output) {
        return task instanceof OutputRowTask t ? new OutputRunner(t, table, output) : new OutputRunner((OutputTask) task, output);
    }

    @Override
    public Object run(Object input, TaskContext context) throws Exception {
        RowRange range = (RowRange) input;
        long t0 = System.nanoTime();
        boolean[] attached = {false};
        OutputRows all = SegmentCache.process().get(output.draft(), FORM, id -> {
            attached[0] = true;
            return OutputRows.attach(output);
        });
        SharedTable view = null;
        if (table != null) {
            view = SegmentCache.process().get(table, TableRunner.VIEW, id -> {
                attached[0] = true;
                return SharedTable.attach(LocalSegmentSource.get(), id);
            });
            if (view.rowCount() > 0) {
                context.addBytesMapped(view.mappedBytes() * range.size() / view.rowCount());
            }
        }
        if (attached[0]) {
            context.addAttachNanos(System.nanoTime() - t0);
        }
        OutputRows mine = all.restrict(range.from(), range.to());
        context.addBytesMapped(mine.bytes());
        if (task instanceof OutputRowTask t) {
            t.apply(view, range, mine);
        } else {
            ((OutputTask) task).apply(range, mine);
        }
        return null;
    }
}
