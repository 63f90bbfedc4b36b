package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.array.SharedArray;
import dev.shmkit.array.SharedDoubleArray;
import dev.shmkit.array.SharedIntArray;
import dev.shmkit.array.SharedLongArray;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.memory.Mapping;
import dev.shmkit.object.DoubleArrayView;
import dev.shmkit.object.IntArrayView;
import dev.shmkit.object.LongArrayView;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.object.ObjectWriter;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentMappings;
import dev.shmkit.segment.SegmentNotFoundException;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.SweepReport;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.OutputSchema;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A named shared-memory space: tables and objects published once, attached by any process
 * of the same user without copying.
 *
 * <pre>{@code
 * try (SharedSpace space = SharedSpace.open()) {
 *     SharedTable big = space.publish("big", df);          // written once, Arrow IPC
 *     double s = space.table("big").doubleColumn("x").sum(); // a view over the mapped pages
 * }
 * }</pre>
 *
 * <p>Policy: tables are shared zero-copy; objects are stored once and every {@link #get} is a
 * deserialized copy (cached per process and version), except large primitive arrays, which
 * {@link #doubles}/{@link #longs}/{@link #ints} read in place. Every view has the
 * {@link SegmentId} of its version; views of one version share one mapping in this process, and
 * the space keeps the current version of each name it used mapped (one per name) until a newer
 * one is attached, the name is removed or the space closes. Segments belong to the process that
 * published them: {@link #close()} or a normal JVM exit gives them back (their bytes return to the
 * device at once unless another process still maps them, then when it unmaps). Views handed out by
 * this space are closed with it; it holds them weakly, so a dropped view is unmapped by the garbage
 * collector.
 */
public final class SharedSpace implements AutoCloseable {
    /** How often a reader retries when the version it found was removed before it could map it. */
    private static final int ATTACH_RETRIES = 8;
    private static final Set<SharedSpace> OPEN_SPACES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN_SPACES.forEach(s -> s.releaseOwned(true)),
                "shmkit-space-exit"));
    }

    private final SegmentStore store;
    private final LocalSegmentSource source = LocalSegmentSource.get();
    private final long openNanos;
    /** Name -> the latest version this space published under it (given back on close). */
    private final Map<String, SegmentFile> owned = new ConcurrentHashMap<>();
    /** Views handed out, held weakly: closed with the space unless the garbage collector got them first. */
    private final Set<SharedTable> handedOut = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Name -> a handle on the current table version this space used: keeps it mapped once (one per name). */
    private final Map<String, Pinned> pins = new ConcurrentHashMap<>();
    private final Map<String, ObjectSegment> objectSegments = new ConcurrentHashMap<>();
    private final Map<String, Cached> objectCache = new ConcurrentHashMap<>();
    private final SpaceWrites writes;
    private volatile boolean closed;

    private record Cached(SegmentId id, Object value) {
    }

    private record Pinned(SegmentId id, Mapping mapping) {
    }

    private SharedSpace(SpaceOptions options) {
        long t0 = System.nanoTime();
        this.store = options.openStore();
        this.writes = new SpaceWrites(store);
        if (options.sweepOnOpen()) {
            store.sweep();
        }
        Warmup.run(store);
        this.openNanos = System.nanoTime() - t0;
        OPEN_SPACES.add(this);
    }

    /** Opens the default space (see {@link SpaceOptions#defaults()}). */
    public static SharedSpace open() {
        return new SharedSpace(SpaceOptions.defaults());
    }

    /** Opens the space {@code name} under the configured base directory. */
    public static SharedSpace open(String name) {
        return new SharedSpace(SpaceOptions.named(name));
    }

    /** Opens a space as configured, e.g. {@code SpaceOptions.directory(path)}. */
    public static SharedSpace open(SpaceOptions options) {
        return new SharedSpace(options);
    }

    /** The directory that holds this space's segment files. */
    public Path directory() {
        return store.directory();
    }

    /**
     * The pages the device holding this space gives its files: 2 MiB pages (a tmpfs mounted with
     * {@code huge=within_size}, {@code always} or {@code advise}) make publishing several times faster
     * than 4 KiB pages (Debian's default {@code /dev/shm}). Read from the mount table on each call.
     */
    public DevicePages devicePages() {
        return DevicePages.of(directory());
    }

    /** The files of this space (publishing, creating writable segments, sweeping). */
    public SegmentStore store() {
        return store;
    }

    /** Nanoseconds {@code open} took (directory, sweep, class initialisation of the mapping layer). */
    public long openNanos() {
        return openNanos;
    }

    /**
     * Writes {@code table} once as a new version of {@code name} and returns a view of it.
     *
     * @throws dev.shmkit.memory.SpaceFullException when the device has no room (nothing is left behind)
     */
    public SharedTable publish(String name, Table table) {
        checkOpen();
        if (table == null) {
            throw new ShmkitException("cannot publish '" + name + "': table is null");
        }
        // Mapped while the space lock is held: a concurrent publisher cannot retire it first.
        SharedTable view = DroppedViews.retryOnceIfFull(() -> store.publish(name, SegmentKind.TABLE,
                tmp -> ArrowTableWriter.write(table, tmp, Map.of("shmkit.name", name,
                        "shmkit.pid", Long.toString(SegmentStore.PID), "shmkit.created", Instant.now().toString())),
                file -> {
                    owned.put(name, file);
                    PublishedValues.record(table, file.id());
                    return SharedTable.attach(source, file.id());
                }));
        pin(name, view.id());
        return handOut(view);
    }

    /** Stores any Kryo-serializable object as a new version of {@code name}. */
    public SpaceEntry put(String name, Object value) {
        checkOpen();
        if (value == null) {
            throw new ShmkitException("cannot put '" + name + "': value is null");
        }
        if (value instanceof Table t) {
            publish(name, t);
        } else {
            SegmentFile file = DroppedViews.retryOnceIfFull(() -> store.publish(name, SegmentKind.OBJECT,
                    tmp -> ObjectWriter.write(value, tmp, SegmentStore.PID)));
            owned.put(name, file);
            PublishedValues.record(value, file.id());
        }
        return entry(name).orElseThrow(() -> notFound(name));
    }

    /** Attaches the current version of table {@code name} (zero-copy; mapped once per version in this process). */
    public SharedTable table(String name) {
        checkOpen();
        SharedTable t = attach(name, SegmentKind.TABLE, id -> SharedTable.attach(source, id));
        pin(name, t.id());
        return handOut(t);
    }

    /**
     * A deserialized copy of object {@code name}, cached per process per version.
     *
     * @throws ShmkitException when the entry holds another type
     */
    public <T> T get(String name, Class<T> type) {
        return get(name, type, Thread.currentThread().getContextClassLoader());
    }

    /** As {@link #get(String, Class)}, resolving classes through {@code loader} (e.g. JShell's). */
    public <T> T get(String name, Class<T> type, ClassLoader loader) {
        checkOpen();
        ObjectSegment seg = object(name);
        Cached c = objectCache.get(name);
        if (c != null && c.id().equals(seg.id())) {
            return cast(name, type, c.value());
        }
        Object value = seg.read(type, loader);
        objectCache.put(name, new Cached(seg.id(), value));
        return type.cast(value);
    }

    /** The current version of object {@code name}, mapped (kept attached by this space). */
    public ObjectSegment object(String name) {
        checkOpen();
        SegmentFile current = store.current(SegmentFile.validate(name)).orElseThrow(() -> notFound(name));
        ObjectSegment seg = objectSegments.get(name);
        if (seg != null && seg.id().equals(current.id())) {
            return seg;
        }
        ObjectSegment fresh = attach(name, SegmentKind.OBJECT, id -> ObjectSegment.attach(source, id));
        ObjectSegment old = objectSegments.put(name, fresh);
        if (old != null) {
            old.close();
        }
        return fresh;
    }

    /** Zero-copy view of a large {@code double[]} stored out-of-band inside object {@code name}. */
    public DoubleArrayView doubles(String name, String path) {
        return object(name).doubles(path);
    }

    /** Zero-copy view of a large {@code long[]} inside object {@code name}. */
    public LongArrayView longs(String name, String path) {
        return object(name).longs(path);
    }

    /** Zero-copy view of a large {@code int[]} inside object {@code name}. */
    public IntArrayView ints(String name, String path) {
        return object(name).ints(path);
    }

    /**
     * A zero-filled {@code double[length]} in shared memory that tasks given it write in place (atomic
     * {@code addAndGet}/{@code compareAndSet} across processes). Not listed until {@link SharedArray#publish()};
     * closed (removed, unless published) with the space. See {@link SharedArray}.
     */
    public SharedDoubleArray allocateDoubles(String name, long length) {
        checkOpen();
        return writes.track(SharedDoubleArray.allocate(store, name, length));
    }

    /** A zero-filled shared {@code long[length]}, as {@link #allocateDoubles}. */
    public SharedLongArray allocateLongs(String name, long length) {
        checkOpen();
        return writes.track(SharedLongArray.allocate(store, name, length));
    }

    /** A zero-filled shared {@code int[length]}, as {@link #allocateDoubles}. */
    public SharedIntArray allocateInts(String name, long length) {
        checkOpen();
        return writes.track(SharedIntArray.allocate(store, name, length));
    }

    /** The published array {@code name}, attached read-only, e.g. {@code space.array("hist", SharedLongArray.class)}. */
    public <A extends SharedArray> A array(String name, Class<A> type) {
        checkOpen();
        return writes.track(writes.attach(name, type, () -> notFound(name)));
    }

    /**
     * An output table of {@code rows} rows that a job writes in parallel ({@code pool.map(table, out, task)}),
     * published under {@code name} when the job succeeds. Not listed until then; aborted with the space.
     */
    public OutputTable createTable(String name, OutputSchema schema, int rows) {
        checkOpen();
        return writes.track(OutputTable.create(store, name, schema, rows));
    }

    /** The entries of this space, sorted by name (maps nothing it does not already map, once done). */
    public List<SpaceEntry> list() {
        checkOpen();
        List<SpaceEntry> out = new ArrayList<>();
        for (SegmentFile f : store.currentAll()) {
            SpaceEntry e = describe(f);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** The entry {@code name}, if present. */
    public Optional<SpaceEntry> entry(String name) {
        checkOpen();
        return store.current(SegmentFile.validate(name)).map(this::describe);
    }

    /**
     * Removes every version of {@code name}. Its bytes return to the device at once unless some
     * process (this one included, through a view still open) maps it; then when the last one unmaps.
     */
    public boolean remove(String name) {
        checkOpen();
        unpin(name);
        ObjectSegment seg = objectSegments.remove(name);
        if (seg != null) {
            seg.close();
        }
        objectCache.remove(name);
        owned.remove(name);
        return store.remove(name);
    }

    /**
     * Who maps this space's segments right now (this process, workers, any other process of the user,
     * Python included) and their resident and proportional bytes, read from {@code /proc/PID/smaps}.
     */
    public SegmentMappings mappings() {
        return SegmentMappings.of(directory());
    }

    /** Removes what dead processes left behind (segments and retired versions nobody maps, unfinished files). */
    public SweepReport sweep() {
        checkOpen();
        return store.sweep();
    }

    /** Unmaps every view it handed out and gives this space's own segments back. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN_SPACES.remove(this);
        RuntimeException failure = null;
        List<AutoCloseable> toClose;
        synchronized (handedOut) {
            toClose = new ArrayList<>(handedOut);
            handedOut.clear();
        }
        pins.values().forEach(p -> toClose.add(p.mapping()));
        toClose.addAll(objectSegments.values());
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new ShmkitException("closing space " + directory() + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        pins.clear();
        objectSegments.clear();
        objectCache.clear();
        RuntimeException writeFailure = writes.closeAll(owned);
        if (writeFailure != null) {
            if (failure == null) {
                failure = writeFailure;
            } else {
                failure.addSuppressed(writeFailure);
            }
        }
        releaseOwned(false);
        store.releaseUnmappedRetired(); // versions whose last mapper ended without unlinking them
        if (failure != null) {
            throw failure;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void releaseOwned(boolean exiting) {
        List<SegmentFile> mine = new ArrayList<>(owned.values());
        owned.clear();
        store.release(mine, exiting);
        if (!mine.isEmpty()) {
            store.dropSpares(); // an owner done publishing here gives back what was kept for recycling
        }
    }

    private <T> T attach(String name, SegmentKind kind, Function<SegmentId, T> opener) {
        SegmentFile.validate(name);
        for (int attempt = 0; ; attempt++) {
            SegmentFile f = store.current(name).orElseThrow(() -> notFound(name));
            if (f.kind() != kind) {
                throw new ShmkitException("entry '" + name + "' in space " + directory() + " is "
                        + (f.kind() == SegmentKind.TABLE ? "a table, not an object"
                        : f.kind() == SegmentKind.OBJECT ? "an object, not a table" : "an array, not a table or object")
                        + (f.kind() == SegmentKind.ARRAY ? "; attach it with space.array(\"" + name + "\", SharedLongArray.class)"
                        : kind == SegmentKind.TABLE ? "; read it with space.get(\"" + name + "\", Type.class)"
                        : "; attach it with space.table(\"" + name + "\")"));
            }
            try {
                return opener.apply(f.id());
            } catch (SegmentNotFoundException e) {
                if (attempt >= ATTACH_RETRIES) {
                    throw e; // removed each time before we could map it: give up rather than spin
                }
            }
        }
    }

    /** Keeps {@code id} mapped as the current version of {@code name}, dropping the older version's pin. */
    private void pin(String name, SegmentId id) {
        Pinned old = pins.get(name);
        if (old != null && old.id().equals(id)) {
            return;
        }
        Pinned fresh = new Pinned(id, source.map(id));
        old = pins.put(name, fresh);
        if (old != null) {
            old.mapping().close();
        }
    }

    private void unpin(String name) {
        Pinned old = pins.remove(name);
        if (old != null) {
            old.mapping().close();
        }
    }

    private SharedTable handOut(SharedTable t) {
        handedOut.add(t);
        return t;
    }

    private SpaceEntry describe(SegmentFile f) {
        return SpaceEntries.describe(source, f);
    }

    private ShmkitException notFound(String name) {
        List<String> names = new ArrayList<>();
        store.currentAll().forEach(f -> names.add(f.name() + " (" + f.kind().name().toLowerCase() + ")"));
        return new SegmentNotFoundException("no entry '" + name + "' in space " + directory() + "; entries: "
                + (names.isEmpty() ? "none" : String.join(", ", names))
                + "; publish it first (space.publish(\"" + name + "\", df) or %share df as " + name + ")");
    }

    private static <T> T cast(String name, Class<T> type, Object value) {
        if (!type.isInstance(value)) {
            throw new ShmkitException("entry '" + name + "' holds a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    private void checkOpen() {
        if (closed) {
            throw new ShmkitException("space " + directory() + " is closed; open it again with SharedSpace.open()");
        }
    }

    @Override
    public String toString() {
        return "SharedSpace[" + directory() + (closed ? ", closed" : "") + "]";
    }
}
