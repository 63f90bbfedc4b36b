package dev.shmkit.memory;

import dev.shmkit.MappedFaults;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.ShmkitException;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.PageUtil;
import net.openhft.chronicle.core.OS;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A handle on a whole file mapped in one contiguous piece (Chronicle Bytes
 * {@code singleMappedBytes}, so files over 2 GiB need no windows), read-only or read-write. Reads go
 * straight to the mapped pages; every helper here checks its range against {@link #length()} first,
 * so a corrupt offset becomes an exception, never a read outside the mapping.
 *
 * <p>Several handles may share one {@code mmap} ({@link #share()}, {@link #shared}); the file is
 * unmapped when the last handle is closed, at once and in the closing thread. A handle that becomes
 * unreachable without {@link #close()} is released by a {@link Cleaner}. Closing is idempotent.
 */
public final class Mapping implements AutoCloseable {
    /** Chronicle Bytes keeps a released file mapped unless this is true when it initialises (issue 8). */
    public static final String RETAIN_PROPERTY = "mappedFile.retain";
    /** Chronicle releases in a background thread by default; false makes close() unmap before it returns. */
    public static final String BACKGROUND_RELEASER_PROPERTY = "background.releaser";
    /**
     * Chronicle calls {@code msync(MS_ASYNC)} on every mapping it releases unless this is {@code NONE}: a no-op
     * on Linux since 2.6.19 (and tmpfs and hugetlbfs have nothing to write back), but a call into the posix
     * bindings, whose loading {@link LazyPosix} defers.
     */
    public static final String SYNC_MODE_PROPERTY = "mappedFile.defaultSyncMode";

    static {
        // Before any Chronicle class loads: every mapping in this JVM is made through this class.
        if (System.getProperty(RETAIN_PROPERTY) == null) {
            System.setProperty(RETAIN_PROPERTY, "true");
        }
        if (System.getProperty(BACKGROUND_RELEASER_PROPERTY) == null) {
            System.setProperty(BACKGROUND_RELEASER_PROPERTY, "false");
        }
        if (System.getProperty(SYNC_MODE_PROPERTY) == null) {
            System.setProperty(SYNC_MODE_PROPERTY, "NONE");
        }
        LazyPosix.install();
    }

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "shmkit-unmap");
        t.setDaemon(true);
        return t;
    });
    /** Regions shared by key within this process (see {@link #shared}). */
    private static final Map<Object, MappedRegion> SHARED = new HashMap<>();

    private final MappedRegion region;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    /** The cleaning action: must not refer to the handle, or the handle could never be collected. */
    private static final class Release implements Runnable {
        private final MappedRegion region;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(MappedRegion region) {
            this.region = region;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                region.release();
            }
        }
    }

    /** A new handle on {@code region}, which the caller has already acquired for it. */
    private Mapping(MappedRegion region) {
        this.region = region;
        this.release = new Release(region);
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * How many files this process has mapped so far ({@code mmap} calls, not handles): a statistic for
     * "mapped once" checks. Whether a mapping is still there is for {@code /proc/self/maps} to say.
     */
    public static long mapsCreated() {
        return MappedRegion.CREATED.get();
    }

    /**
     * The exception that names the file behind a fault in mapped memory, or null when {@code e} is not
     * one or no file this process maps is now shorter than its mapping. HotSpot may raise the fault's
     * {@code InternalError} after the view that read the page has returned (see
     * {@link MappedFaults}); the worker that ran a task and the kernel that ran a cell call this to
     * tell the user which segment file was changed.
     */
    public static SegmentFormatException explainFault(Throwable e) {
        if (!MappedFaults.isFault(e)) {
            return null;
        }
        StringBuilder others = new StringBuilder();
        Path first = null;
        long firstNow = 0;
        long firstLength = 0;
        for (MappedRegion r : MappedRegion.LIVE) {
            long now;
            try {
                now = Files.size(r.path);
            } catch (IOException | RuntimeException gone) {
                continue; // unlinked or retired: its pages stay, nothing was cut
            }
            if (now >= r.length) {
                continue;
            }
            if (first == null) {
                first = r.path;
                firstNow = now;
                firstLength = r.length;
            } else {
                others.append(others.length() == 0 ? "; also shorter than mapped: " : ", ").append(r.path);
            }
        }
        if (first == null) {
            return null;
        }
        return MappedFaults.changed(first, "mapped file", "mapped length=" + firstLength + " > file length=" + firstNow
                + " (truncated)" + others, e);
    }

    /**
     * Maps {@code path} read-only.
     *
     * @throws MissingFileException when the file does not exist
     * @throws SegmentFormatException when the file is empty
     */
    public static Mapping readOnly(Path path) {
        return map(path, false);
    }

    /**
     * Maps an existing, fully allocated file read-write and shared: writes are seen by every process
     * that maps the file. Allocate the file first ({@link Reservation}), to at least
     * {@link #readWriteLength} bytes, or mapping it grows it to that length.
     *
     * @throws MissingFileException when the file does not exist
     */
    public static Mapping readWrite(Path path) {
        return map(path, true);
    }

    /**
     * The file length a read-write mapping of {@code bytes} needs: whole pages of the device holding
     * {@code file}. Chronicle grows a shorter file to that length when it maps it read-write, which
     * would change a segment's length behind its writers' backs; allocate this much up front instead.
     */
    public static long readWriteLength(Path file, long bytes) {
        return OS.mapAlign(bytes, PageUtil.getPageSize(file.toAbsolutePath().toString()));
    }

    /**
     * The mapping this process already holds under {@code key}, as a new handle; or, when there is
     * none, the mapping {@code opener} makes, registered under {@code key} until it is unmapped. So one
     * file version is mapped once per process however many views of it are open.
     */
    public static Mapping shared(Object key, Supplier<Mapping> opener) {
        synchronized (SHARED) {
            MappedRegion r = SHARED.get(key);
            if (r != null && r.acquire()) {
                return new Mapping(r);
            }
        }
        Mapping fresh = opener.get();
        synchronized (SHARED) {
            MappedRegion r = SHARED.get(key);
            if (r != null && r != fresh.region && r.acquire()) {
                fresh.close(); // another thread mapped it meanwhile: keep one
                return new Mapping(r);
            }
            fresh.region.key = key;
            SHARED.put(key, fresh.region);
        }
        return fresh;
    }

    /** A new handle on the mapping this process holds under {@code key}, or null when there is none. */
    public static Mapping existing(Object key) {
        synchronized (SHARED) {
            MappedRegion r = SHARED.get(key);
            return r != null && r.acquire() ? new Mapping(r) : null;
        }
    }

    static void forget(MappedRegion region) {
        Object key = region.key;
        if (key != null) {
            synchronized (SHARED) {
                SHARED.remove(key, region);
            }
        }
    }

    private static Mapping map(Path path, boolean writable) {
        long length;
        try {
            length = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(path, e);
        } catch (IOException e) {
            throw new ShmkitException("cannot stat file=" + path + " to map it: " + e, e);
        }
        if (length == 0) {
            throw new SegmentFormatException(path, "length=0 (empty file; truncated?)");
        }
        MissingFlags.check(path);  // before Chronicle loads: it would log stack traces of its own first
        MappedBytes bytes;
        try {
            bytes = MappedBytes.singleMappedBytes(path.toFile(), length, !writable);
        } catch (FileNotFoundException e) {
            throw new MissingFileException(path, e);
        } catch (AssertionError | IllegalAccessError | RuntimeException e) {
            if (e instanceof ShmkitException) {
                throw (ShmkitException) e;
            }
            throw mappingFailure(path, e);
        }
        bytes.singleThreadedCheckDisabled(true); // handles are used from many threads, released by the cleaner
        MappedRegion region = new MappedRegion(path, length, writable, bytes);
        region.acquire();
        return new Mapping(region);
    }

    static ShmkitException mappingFailure(Path path, Throwable e) {
        String text = String.valueOf(e);
        if (e instanceof AssertionError || e instanceof IllegalAccessError
                || text.contains("IllegalAccess") || text.contains("InaccessibleObject")) {
            return new ShmkitException("cannot map " + path + ": this JVM lacks the flags Chronicle Bytes needs; "
                    + MissingFlags.howToAdd(System.getProperty("sun.java.command", "")) + " (cause: " + text + ")", e);
        }
        return new ShmkitException("cannot map " + path + ": " + text, e);
    }

    /**
     * Another handle on the same mapping (no new {@code mmap}); the file stays mapped until both
     * are closed.
     */
    public Mapping share() {
        checkOpen();
        if (!region.acquire()) {
            throw closed();
        }
        return new Mapping(region);
    }

    /**
     * Runs {@code action} right after the file is unmapped (by whichever thread releases the last
     * handle, possibly the cleaner's), or at once if it already is. The action must not refer to a
     * handle, or that handle can never be collected.
     */
    public void whenUnmapped(Runnable action) {
        region.whenUnmapped(action);
    }

    /** The file as it was named when mapped (it may have been renamed or unlinked since). */
    public Path path() {
        return region.path;
    }

    /** Length of the mapped file in bytes. */
    public long length() {
        return region.length;
    }

    /** Whether writes through {@link #store()} are allowed (a read-write shared mapping). */
    public boolean isWritable() {
        return region.writable;
    }

    /** Raw base address of the mapping (contiguous for the whole file). */
    public long address() {
        checkOpen();
        return region.address;
    }

    /** The Chronicle store over the mapping, for hot loops that index by offset. */
    public BytesStore<?, ?> store() {
        checkOpen();
        return region.store;
    }

    /** Throws {@link SegmentFormatException} unless {@code [offset, offset + size)} lies inside the file. */
    public void checkRange(long offset, long size, String what) {
        long length = region.length;
        if (offset < 0 || size < 0 || offset > length || size > length - offset) {
            throw new SegmentFormatException(region.path, what + " at offset=" + offset + " size=" + size
                    + " runs past the end of the file (length=" + length + "; truncated or corrupt)");
        }
    }

    public int readInt(long offset) {
        checkRange(offset, 4, "int");
        return FaultSafeLoads.int32(address() + offset);
    }

    public long readLong(long offset) {
        checkRange(offset, 8, "long");
        return store().readLong(offset);
    }

    /** Writes {@code value} at {@code offset} (a read-write mapping only). */
    public void writeLong(long offset, long value) {
        checkWritable(offset, 8);
        store().writeLong(offset, value);
    }

    /** Writes {@code size} bytes of {@code src} from {@code srcOffset} at {@code offset} (read-write only). */
    public void writeBytes(long offset, byte[] src, int srcOffset, int size) {
        checkWritable(offset, size);
        store().write(offset, src, srcOffset, size);
    }

    private void checkWritable(long offset, long size) {
        if (!region.writable) {
            throw new ShmkitException("mapping of " + region.path + " is read-only; map it with Mapping.readWrite"
                    + " (a segment being created: WritableSegment.mapping())");
        }
        checkRange(offset, size, "write");
    }

    /** Copies {@code size} bytes at {@code offset} to the heap (for small metadata such as flatbuffers). */
    public byte[] copyBytes(long offset, int size, String what) {
        checkRange(offset, size, what);
        byte[] out = new byte[size];
        store().read(offset, out, 0, size);
        return out;
    }

    /** Whether this handle is closed (other handles on the same mapping may still be open). */
    public boolean isClosed() {
        return release.done.get() || region.isUnmapped();
    }

    private void checkOpen() {
        if (isClosed()) {
            throw closed();
        }
    }

    private ShmkitException closed() {
        return new ShmkitException("mapping of " + region.path + " is closed; attach the segment again");
    }

    /** Releases this handle; the last handle on a mapping unmaps the file before returning. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "Mapping[" + region.path + ", length=" + region.length + (region.writable ? ", read-write" : "")
                + (isClosed() ? ", closed" : "") + "]";
    }
}
