package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;

import java.nio.file.Path;

/**
 * A segment being created: a fully allocated file under {@code .tmp/} that this process owns (its
 * pid is in the file name) and that any process may map read-write by {@link #id()} through
 * {@link LocalSegmentSource} and fill. {@link #seal()} makes it visible as the newest version of its
 * name; {@link #abort()}, or {@link #close()} without sealing, removes it. If the creator dies first,
 * no version becomes visible and {@link SegmentStore#sweep()} removes the draft. Sealing or aborting
 * fires {@link SegmentEvents} {@code removed(draft id)}, so a worker pool tells its workers to unmap the draft.
 */
public final class WritableSegment implements AutoCloseable {
    private final SegmentStore store;
    private final SegmentFile draft;
    private final long length;
    private Mapping mapping;
    private SegmentId sealed;
    private boolean closed;

    WritableSegment(SegmentStore store, SegmentFile draft, long length) {
        this.store = store;
        this.draft = draft;
        this.length = length;
    }

    /** The draft's id: other processes map it read-write with {@code LocalSegmentSource.get().map(id)}. */
    public SegmentId id() {
        return draft.id();
    }

    /** The draft file (under {@code .tmp/} until sealed). */
    public Path path() {
        return draft.path();
    }

    /**
     * Length of the segment in bytes, as created. The draft file is allocated in whole pages, so a
     * mapping of it may be a little longer until {@link #seal()} cuts it to this length.
     */
    public long length() {
        return length;
    }

    /** This process's read-write mapping of the draft (mapped on first use; closed by seal/abort/close). */
    public synchronized Mapping mapping() {
        checkOpen();
        if (mapping == null) {
            mapping = LocalSegmentSource.get().map(draft.id());
        }
        return mapping;
    }

    /**
     * Renames the draft into place as a new version of its name (the newest: older versions are
     * superseded) and returns its final id, which differs from {@link #id()} only when another version
     * was published meanwhile. Writers' mappings stay valid. Unmaps this process's mapping.
     */
    public synchronized SegmentId seal() {
        checkOpen();
        closeMapping(); // before the file is cut to length
        SegmentFile f = store.seal(draft, length);
        sealed = f.id();
        closed = true;
        closeMapping();
        SegmentEvents.fireRemoved(draft.id()); // the draft is gone: processes that wrote it unmap it (pool evictions)
        return sealed;
    }

    /** Removes the draft; nothing becomes visible. Idempotent; a no-op after {@link #seal()}. */
    public synchronized void abort() {
        if (closed) {
            return;
        }
        closed = true;
        closeMapping();
        SegmentFiles.deleteQuietly(draft.path());
        SegmentEvents.fireRemoved(draft.id());
    }

    /** The final id after {@link #seal()}, or null. */
    public synchronized SegmentId sealedId() {
        return sealed;
    }

    private void closeMapping() {
        if (mapping != null) {
            mapping.close();
            mapping = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ShmkitException("segment " + draft.id() + " is " + (sealed != null ? "sealed as " + sealed : "aborted")
                    + "; map the sealed version by its id to read it");
        }
    }

    /** Aborts unless sealed. */
    @Override
    public void close() {
        abort();
    }

    @Override
    public String toString() {
        return "WritableSegment[" + draft.id() + (sealed != null ? ", sealed as " + sealed : closed ? ", aborted" : "") + "]";
    }
}
