package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.WritableSegment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table being written in parallel: an Arrow IPC file laid out in full before any value is written
 * (one record batch, fixed-width columns at known offsets, no nulls, every value 0), as a writable draft
 * of the space ({@link WritableSegment}). Tasks write disjoint row ranges in place through
 * {@link OutputRows}; {@link #seal()} publishes the file as a new version of its name, readable by
 * {@code space.table(name)}, {@code %space} and pyarrow's {@code ipc.open_file} like any published table.
 * Until then no reader sees it; {@link #abort()} (or {@link #close()} before sealing) removes it.
 *
 * <p>A worker pool seals it when a job writing it succeeds and aborts it when the job fails or is
 * cancelled ({@code pool.map(table, out, task)}), so no partial version is ever visible.
 */
public final class OutputTable implements AutoCloseable {
    private final WritableSegment draft;
    private final OutputLayout layout;
    private SegmentId sealed;
    private boolean aborted;

    private OutputTable(WritableSegment draft, OutputLayout layout) {
        this.draft = draft;
        this.layout = layout;
    }

    /**
     * Creates the draft of {@code name} in {@code store}: allocates its file on the device up front and
     * writes the Arrow metadata (schema, batch, footer); the values are zero until written.
     *
     * @throws dev.shmkit.memory.SpaceFullException when the device cannot hold it (nothing is left behind)
     */
    public static OutputTable create(SegmentStore store, String name, OutputSchema schema, int rows) {
        if (schema == null || schema.columnCount() == 0) {
            throw new ShmkitException("cannot create output table '" + name + "': the schema has no columns;"
                    + " e.g. OutputSchema.create().doubleColumn(\"y\")");
        }
        if (rows < 0) {
            throw new ShmkitException("cannot create output table '" + name + "': rows=" + rows + " < 0");
        }
        List<EncodedColumn> columns = schema.blankColumns(rows);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("shmkit.name", name);
        metadata.put("shmkit.pid", Long.toString(SegmentStore.PID));
        metadata.put("shmkit.created", Instant.now().toString());
        metadata.put("shmkit.output", "written in parallel by a job");
        metadata.put(ArrowFileDescriptor.FORMAT_KEY, Integer.toString(ArrowFileDescriptor.FORMAT_VERSION));
        FilePlan plan = FilePlan.of(rows, columns, metadata);
        WritableSegment w = store.create(name, SegmentKind.TABLE, plan.totalLength());
        try (FileChannel ch = FileChannel.open(w.path(), StandardOpenOption.WRITE)) {
            plan.writeMetadataTo(ch);
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw new ShmkitException("cannot lay out output table '" + name + "' in draft file=" + w.path() + ": " + e, e);
        }
        long[] buffers = plan.batchBufferOffsets(); // per column: validity (empty), values
        long[] values = new long[schema.columnCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffers[2 * i + 1];
        }
        return new OutputTable(w, new OutputLayout(w.id(), rows, schema, values));
    }

    /** The name it is published under. */
    public String name() {
        return draft.id().name();
    }

    /** The draft's id (what writers map). */
    public SegmentId id() {
        return draft.id();
    }

    /** Rows of the table. */
    public int rowCount() {
        return layout.rows();
    }

    /** Its columns. */
    public OutputSchema schema() {
        return layout.schema();
    }

    /** Where each column's values are, for writers in other processes. */
    public OutputLayout layout() {
        return layout;
    }

    /** Bytes of the file (metadata and values). */
    public long length() {
        return draft.length();
    }

    /**
     * Write access to every row from this process (the caller closes it; close it before sealing, or
     * the seal leaves it mapped until it is).
     */
    public synchronized OutputRows writer() {
        checkOpen();
        return OutputRows.attach(layout);
    }

    /** Publishes the table as the newest version of its name; returns its id. Idempotent once sealed. */
    public synchronized SegmentId seal() {
        if (sealed != null) {
            return sealed;
        }
        checkOpen();
        sealed = draft.seal();
        return sealed;
    }

    /** Removes the draft: nothing is published. Idempotent; a no-op once sealed. */
    public synchronized void abort() {
        if (sealed != null || aborted) {
            return;
        }
        aborted = true;
        draft.abort();
    }

    /** Whether it was sealed. */
    public synchronized boolean isSealed() {
        return sealed != null;
    }

    /** Whether it was aborted (by a failed or cancelled job, or {@link #abort()}). */
    public synchronized boolean isAborted() {
        return aborted;
    }

    /** The published id after {@link #seal()}, else null. */
    public synchronized SegmentId sealedId() {
        return sealed;
    }

    private void checkOpen() {
        if (aborted) {
            throw new ShmkitException("output table '" + name() + "' (" + draft.id() + ") was aborted (its job failed or was"
                    + " cancelled); create it again with space.createTable");
        }
        if (sealed != null) {
            throw new ShmkitException("output table '" + name() + "' is sealed as " + sealed + "; read it with space.table(\""
                    + name() + "\"), or create a new output to write again");
        }
    }

    /** Aborts unless sealed. */
    @Override
    public void close() {
        abort();
    }

    @Override
    public String toString() {
        return "OutputTable['" + name() + "' " + layout.schema() + ", rows=" + layout.rows()
                + (sealed != null ? ", sealed as " + sealed : aborted ? ", aborted" : ", draft " + draft.id()) + "]";
    }
}
