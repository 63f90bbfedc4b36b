package dev.shmkit.array;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.WritableSegment;
import sun.misc.Unsafe;

/**
 * A primitive array in shared memory that several processes read and write in place: the common part
 * of {@link SharedDoubleArray}, {@link SharedLongArray} and {@link SharedIntArray}.
 *
 * <p><b>Lifecycle and visibility.</b> {@code space.allocateDoubles("hist", n)} creates the array as a
 * writable draft ({@link WritableSegment}, zero-filled): it is <em>not</em> listed by {@code space.list()}
 * and no other process can find it by name; a process reaches it only when it is handed the array (a
 * task that captures it, or a JShell variable holding it, ships its {@link SegmentId}, and the worker
 * maps the same pages read-write, once per worker, cached until the array goes). {@link #publish()}
 * seals it as a new version of its name: from then on it is listed, attachable read-only by name
 * ({@code space.array("hist", SharedDoubleArray.class)}), and read-only in every process. {@link #close()} by the creator
 * before publishing removes it; if the creator dies, a sweep removes the draft.
 *
 * <p><b>Which operations are atomic.</b> {@code get}/{@code set}, the bulk {@code copyFrom}/{@code copyTo}
 * and {@code fill} are plain loads and stores: a single element never tears (aligned 4- and 8-byte
 * accesses), but nothing orders them with other processes' writes and a {@code get} followed by a
 * {@code set} is a race. {@code addAndGet}, {@code getAndAdd} and {@code compareAndSet} are atomic across
 * processes (locked instructions on the shared page; doubles by a compare-and-set loop on the raw bits)
 * and are the ones to use for counters and histograms.
 */
public abstract class SharedArray implements AutoCloseable {
    static final Unsafe U = net.openhft.chronicle.core.UnsafeMemory.UNSAFE;
    /** The {@link SegmentCache} form of an array received by a process it was handed to. */
    public static final String FORM = "ARRAY";
    /** Bulk copies go in slices of this many bytes (Unsafe.copyMemory checks safepoints between calls). */
    private static final long COPY_SLICE = 1L << 24;

    private final Mapping mapping;
    private final SegmentId id;
    private final ElementType type;
    private final int length;
    /** Address of element 0 while mapped. */
    final long base;
    /** The draft, in the process that created the array; null elsewhere. */
    private final WritableSegment owner;
    private volatile boolean writable;
    private volatile SegmentId published;
    private volatile boolean closed;

    SharedArray(Mapping mapping, SegmentId id, ElementType type, int length, WritableSegment owner) {
        this.mapping = mapping;
        this.id = id;
        this.type = type;
        this.length = length;
        this.owner = owner;
        this.writable = mapping.isWritable();
        this.base = mapping.address() + ArrayDescriptor.DATA_OFFSET;
    }

    /** Creates a zero-filled draft of {@code length} elements and maps it read-write. */
    static Created create(SegmentStore store, String name, ElementType type, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new ShmkitException("cannot allocate array '" + name + "': length=" + length + " (need 0 <= length <= "
                    + (Integer.MAX_VALUE - 8) + ")");
        }
        WritableSegment w = store.create(name, SegmentKind.ARRAY, ArrayDescriptor.segmentLength(type, length));
        try {
            Mapping m = LocalSegmentSource.get().map(w.id());
            ArrayDescriptor.writeHeader(m, type, length);
            return new Created(w, m, (int) length);
        } catch (RuntimeException | Error e) {
            w.abort();
            throw e;
        }
    }

    /** A fresh draft and this process's read-write mapping of it. */
    record Created(WritableSegment segment, Mapping mapping, int length) {
    }

    /** Maps version {@code id} (a draft read-write, a published version read-only) and checks its header. */
    static Attached attach(SegmentId id, ElementType expected) {
        Mapping m = LocalSegmentSource.get().map(id);
        try {
            ArrayDescriptor.Header h = ArrayDescriptor.readHeader(m);
            if (expected != null && h.type() != expected) {
                throw new ShmkitException("array segment " + id + " in space " + id.space() + " holds " + h.type().javaName()
                        + " elements, not " + expected.javaName() + "; attach it as a Shared"
                        + Character.toUpperCase(h.type().javaName().charAt(0)) + h.type().javaName().substring(1) + "Array");
            }
            return new Attached(m, h);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Maps version {@code id} as the array type its header names (a draft read-write, a published version
     * read-only); the caller closes it.
     */
    public static SharedArray attachAny(SegmentId id) {
        ElementType type;
        try (Mapping m = LocalSegmentSource.get().map(id)) {
            type = ArrayDescriptor.readHeader(m).type();
        }
        return switch (type) {
            case DOUBLE -> SharedDoubleArray.attach(id);
            case LONG -> SharedLongArray.attach(id);
            case INT -> SharedIntArray.attach(id);
        };
    }

    /**
     * The array {@code id} as a process that was handed it sees it (a task's captured value, a notebook
     * variable): mapped once per process and version, kept in the process's {@link SegmentCache} (form
     * {@value #FORM}) until the creator publishes or closes it, or a newer version of the name is used.
     * Not to be closed by tasks: later tasks share it.
     */
    public static SharedArray received(SegmentId id, ElementType type) {
        return SegmentCache.process().get(id, FORM, i -> switch (type) {
            case DOUBLE -> SharedDoubleArray.attach(i);
            case LONG -> SharedLongArray.attach(i);
            case INT -> SharedIntArray.attach(i);
        });
    }

    /** A mapping and its checked header. */
    record Attached(Mapping mapping, ArrayDescriptor.Header header) {
    }

    /** The version this array is (a draft's id until published; the published id after). */
    public SegmentId id() {
        SegmentId p = published;
        return p != null ? p : id;
    }

    /** The draft's id (what tasks ship), whatever was published since. */
    SegmentId draftId() {
        return id;
    }

    /** The entry name. */
    public String name() {
        return id.name();
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /** The element type. */
    public ElementType type() {
        return type;
    }

    /** Bytes of the elements (the segment adds a 64-byte header). */
    public long bytes() {
        return (long) length * type.width();
    }

    /** Whether this process may write: a draft not yet published. */
    public boolean isWritable() {
        return writable && !closed;
    }

    /** Whether the array was published ({@link #publish()} here, or attached by name as a published version). */
    public boolean isPublished() {
        return published != null || !mapping.isWritable();
    }

    /**
     * Seals the array as a new version of its name: listed by {@code space.list()} and attachable read-only
     * by name from now on, read-only here too (this handle's reads go on). Only the process that allocated
     * the array publishes it. Workers that mapped the draft are told to unmap it.
     *
     * @return the published version's id
     */
    public synchronized SegmentId publish() {
        checkOpen();
        if (owner == null) {
            throw new ShmkitException("array " + id + " can be published only by the process that allocated it;"
                    + " this process received it from a job (return what the task computed instead)");
        }
        if (published != null) {
            return published;
        }
        writable = false;
        published = owner.seal();
        return published;
    }

    /** Whether this handle allocated the array (only it may publish; the space it came from gives it back). */
    public boolean isAllocatedHere() {
        return owner != null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Unmaps the array in this process. In the creating process, an array that was not published is
     * removed (no process can map it any more; those that do keep their pages until they unmap).
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writable = false;
        try {
            mapping.close();
        } finally {
            if (owner != null && published == null) {
                owner.abort();
            }
        }
    }

    /** Address of element {@code i} for a read; bounds- and open-checked. */
    final long readAddress(int i, int shift) {
        if (i < 0 || i >= length) {
            throw outOfBounds(i);
        }
        checkOpen();
        return base + ((long) i << shift);
    }

    /** Address of element {@code i} for a write; also checks the array is writable here. */
    final long writeAddress(int i, int shift) {
        if (i < 0 || i >= length) {
            throw outOfBounds(i);
        }
        checkWritable();
        return base + ((long) i << shift);
    }

    /** Checks {@code [from, from + count)} lies inside the array. */
    final void checkRange(long from, long count, String what) {
        if (from < 0 || count < 0 || from + count > length) {
            throw new ShmkitException("array " + this + ": " + what + " from=" + from + " count=" + count
                    + " runs outside [0, " + length + ")");
        }
    }

    /** Copies {@code bytes} between the heap array {@code heap} (at byte offset) and the mapping (at address). */
    static void copy(Object heap, long heapOffset, long address, long bytes, boolean toMapping) {
        for (long done = 0; done < bytes; done += COPY_SLICE) {
            long n = Math.min(COPY_SLICE, bytes - done);
            if (toMapping) {
                U.copyMemory(heap, heapOffset + done, null, address + done, n);
            } else {
                U.copyMemory(null, address + done, heap, heapOffset + done, n);
            }
        }
    }

    final void checkOpen() {
        if (closed) {
            throw new ShmkitException("array " + this + " is closed; allocate or attach it again");
        }
    }

    final void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new ShmkitException("array " + this + " is read-only here: "
                    + (published != null || !mapping.isWritable() ? "published versions do not change; allocate a new array to write again"
                    : "closed"));
        }
    }

    private ShmkitException outOfBounds(int i) {
        return new ShmkitException("array " + this + ": index=" + i + " outside [0, " + length + ")");
    }

    /** Marks an array attached by name as published (read-only). */
    final void markPublished(SegmentId version) {
        this.published = version;
        this.writable = false;
    }

    @Override
    public String toString() {
        return "'" + name() + "' (" + id() + ", " + type.javaName() + "[" + length + "])";
    }
}
