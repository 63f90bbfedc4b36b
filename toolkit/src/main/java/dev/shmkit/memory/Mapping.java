package dev.shmkit.memory;

import dev.shmkit.JvmFlags;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.ShmkitException;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.IOException;

/**
 * A whole segment file mapped read-only in one contiguous piece (Chronicle Bytes
 * {@code singleMappedBytes}, so files over 2 GiB need no windows). Reads go straight to the
 * mapped pages; every helper here checks its range against {@link #length()} first, so a
 * corrupt offset becomes an exception, never a read outside the mapping.
 *
 * <p>Owners must {@link #close()} it; closing is idempotent and unmaps at once.
 */
public final class Mapping implements AutoCloseable {
    /** Mappings open in this process; tests use it to fail on leaks. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    private final Path path;
    private final long length;
    private final MappedBytes bytes;
    private final BytesStore<?, ?> store;
    private final long address;
    private volatile boolean closed;

    private Mapping(Path path, long length, MappedBytes bytes) {
        this.path = path;
        this.length = length;
        this.bytes = bytes;
        this.store = bytes.bytesStore();
        this.address = store.addressForRead(0);
        OPEN.incrementAndGet();
    }

    /** Number of mappings this process holds open right now. */
    public static int openCount() {
        return OPEN.get();
    }

    /**
     * Maps {@code path} read-only.
     *
     * @throws SegmentNotFoundException when the file is gone
     * @throws SegmentFormatException when the file is empty
     */
    public static Mapping readOnly(Path path) {
        long length;
        try {
            length = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new SegmentNotFoundException(path);
        } catch (IOException e) {
            throw new ShmkitException("cannot stat segment file " + path + ": " + e, e);
        }
        if (length == 0) {
            throw new SegmentFormatException(path, "length=0 (empty file; truncated?)");
        }
        try {
            return new Mapping(path, length, MappedBytes.singleMappedBytes(path.toFile(), length, true));
        } catch (FileNotFoundException e) {
            throw new SegmentNotFoundException(path);
        } catch (AssertionError | IllegalAccessError | RuntimeException e) {
            if (e instanceof ShmkitException) {
                throw (ShmkitException) e;
            }
            throw mappingFailure(path, e);
        }
    }

    static ShmkitException mappingFailure(Path path, Throwable e) {
        String text = String.valueOf(e);
        if (e instanceof AssertionError || e instanceof IllegalAccessError
                || text.contains("IllegalAccess") || text.contains("InaccessibleObject")) {
            return new ShmkitException("cannot map " + path + ": this JVM lacks the flags Chronicle Bytes needs;"
                    + " start it with " + String.join(" ", JvmFlags.forCurrentRuntime())
                    + " (the shmkit launcher, kernel and worker pool add them; cause: " + text + ")", e);
        }
        return new ShmkitException("cannot map " + path + ": " + text, e);
    }

    public Path path() {
        return path;
    }

    /** Length of the mapped file in bytes. */
    public long length() {
        return length;
    }

    /** Raw base address of the mapping (contiguous for the whole file). */
    public long address() {
        checkOpen();
        return address;
    }

    /** The Chronicle store over the mapping, for hot loops that index by offset. */
    public BytesStore<?, ?> store() {
        checkOpen();
        return store;
    }

    /** Throws {@link SegmentFormatException} unless {@code [offset, offset + size)} lies inside the file. */
    public void checkRange(long offset, long size, String what) {
        if (offset < 0 || size < 0 || offset > length || size > length - offset) {
            throw new SegmentFormatException(path, what + " at offset=" + offset + " size=" + size
                    + " runs past the end of the file (length=" + length + "; truncated or corrupt)");
        }
    }

    public int readInt(long offset) {
        checkRange(offset, 4, "int");
        return store().readInt(offset);
    }

    public long readLong(long offset) {
        checkRange(offset, 8, "long");
        return store().readLong(offset);
    }

    /** Copies {@code size} bytes at {@code offset} to the heap (for small metadata such as flatbuffers). */
    public byte[] copyBytes(long offset, int size, String what) {
        checkRange(offset, size, what);
        byte[] out = new byte[size];
        store().read(offset, out, 0, size);
        return out;
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new ShmkitException("mapping of " + path + " is closed; attach the segment again");
        }
    }

    /** Unmaps the file. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            OPEN.decrementAndGet();
            bytes.releaseLast();
        }
    }

    @Override
    public String toString() {
        return "Mapping[" + path + ", length=" + length + (closed ? ", closed" : "") + "]";
    }
}
