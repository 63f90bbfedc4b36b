package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;

/**
 * Write access to rows {@code [from, to)} of an {@link OutputTable} being created: what a task of
 * {@code pool.map(table, out, (view, rows, out) -> ...)} writes into, in place, through a read-write
 * mapping of the draft. Writes outside the task's rows are refused, so tasks never overlap and a task
 * retried after its worker died rewrites exactly its own rows. Values are plain stores; nothing is
 * visible to readers of the table until the job succeeds and the output is sealed.
 *
 * <pre>{@code
 * OutputColumn y = out.column("y");
 * for (int r = rows.from(); r < rows.to(); r++) y.setDouble(r, Math.sqrt(x.get(r)));
 * }</pre>
 */
public final class OutputRows implements AutoCloseable {
    private final Mapping mapping;
    private final OutputLayout layout;
    private final int from;
    private final int to;
    /** Whether closing this closes the mapping (the attached whole, not a restriction of it). */
    private final boolean owner;
    private final OutputColumn[] columns;

    private OutputRows(Mapping mapping, OutputLayout layout, int from, int to, boolean owner) {
        this.mapping = mapping;
        this.layout = layout;
        this.from = from;
        this.to = to;
        this.owner = owner;
        OutputSchema s = layout.schema();
        this.columns = new OutputColumn[s.columnCount()];
        long base = mapping.address();
        for (int i = 0; i < columns.length; i++) {
            long bytes = (long) layout.rows() * s.type(i).width();
            mapping.checkRange(layout.offsets()[i], bytes, "output column '" + s.name(i) + "'");
            columns[i] = new OutputColumn(this, s.name(i), s.type(i), base + layout.offsets()[i]);
        }
    }

    /** Maps the draft of {@code layout} read-write (all rows writable); the caller closes it. */
    public static OutputRows attach(OutputLayout layout) {
        Mapping m = LocalSegmentSource.get().map(layout.draft());
        try {
            if (!m.isWritable()) {
                throw new ShmkitException("output " + layout.draft() + " in space " + layout.draft().space()
                        + " is already sealed (published): its job ended; a sealed table is read with space.table(\""
                        + layout.draft().name() + "\")");
            }
            return new OutputRows(m, layout, 0, layout.rows(), true);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }


    /** The same mapping restricted to rows {@code [from, to)} (closing it leaves the mapping open). */
    public OutputRows restrict(int from, int to) {
        if (from < this.from || to > this.to || from > to) {
            throw new ShmkitException("output '" + name() + "': rows [" + from + ", " + to + ") are not inside ["
                    + this.from + ", " + this.to + ")");
        }
        return new OutputRows(mapping, layout, from, to, false);
    }

    /** The output table's name. */
    public String name() {
        return layout.draft().name();
    }

    /** First row this may write. */
    public int from() {
        return from;
    }

    /** One past the last row this may write. */
    public int to() {
        return to;
    }

    /** Rows of the whole output table. */
    public int rowCount() {
        return layout.rows();
    }

    /** The columns. */
    public OutputSchema schema() {
        return layout.schema();
    }

    /** Column {@code name}. */
    public OutputColumn column(String name) {
        int i = layout.schema().indexOf(name);
        if (i < 0) {
            throw new NoSuchColumnException("output '" + name() + "' has no column '" + name + "'; columns: "
                    + layout.schema().names());
        }
        return columns[i];
    }

    /** Column {@code index}. */
    public OutputColumn column(int index) {
        return columns[index];
    }

    /** Bytes of the rows this may write, over all columns. */
    public long bytes() {
        return (long) (to - from) * layout.schema().rowBytes();
    }

    /** Checks that {@code row} is one of this task's rows and the mapping is open. */
    void check(long row, long count, OutputColumn c) {
        if (row < from || count < 0 || row + count > to) {
            throw new ShmkitException("output '" + name() + "' column '" + c.name() + "': rows [" + row + ", " + (row + count)
                    + ") are outside this task's rows [" + from + ", " + to + "); tasks write only their own rows");
        }
        if (mapping.isClosed()) {
            throw new ShmkitException("output '" + name() + "' is closed here (its job ended); write inside the task");
        }
    }

    /** Unmaps (the attached whole only; a restriction's close does nothing). Idempotent. */
    @Override
    public void close() {
        if (owner) {
            mapping.close();
        }
    }

    @Override
    public String toString() {
        return "OutputRows['" + name() + "' rows [" + from + ", " + to + ") of " + layout.rows() + "]";
    }
}
