package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.SegmentNotFoundException;
import dev.shmkit.object.DoubleArrayView;
import dev.shmkit.object.IntArrayView;
import dev.shmkit.object.LongArrayView;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.object.ObjectWriter;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@link #doubles}/{@link #longs}/{@link #ints} read in place. Segments belong to the process
 * that published them: {@link #close()} or a normal JVM exit removes them, while other
 * processes' mappings stay valid until they unmap. Views handed out by this space are closed
 * with it.
 */
public final class SharedSpace implements AutoCloseable {
    /** How often a reader retries when a newer publish unlinked the version it was about to map. */
    private static final int ATTACH_RETRIES = 8;
    /** Pruning closed views costs a pass over the set; do it only once a few have accumulated. */
    private static final int PRUNE_AT = 64;
    private static final Set<SharedSpace> OPEN_SPACES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN_SPACES.forEach(SharedSpace::removeOwned),
                "shmkit-space-exit"));
    }

    private final SegmentStore store;
    private final long openNanos;
    private final Set<Path> owned = ConcurrentHashMap.newKeySet();
    /** Views handed out, closed with the space; closed ones are pruned as new ones are added. */
    private final Set<SharedTable> attached = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectSegment> objectSegments = new ConcurrentHashMap<>();
    private final Map<String, Cached> objectCache = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Cached(Path path, Object fileKey, Object value) {
    }

    private SharedSpace(SpaceOptions options) {
        long t0 = System.nanoTime();
        this.store = new SegmentStore(options.directory());
        if (options.sweepOnOpen()) {
            store.sweep();
        }
        Warmup.run();
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
        // Mapped while the space lock is held: a concurrent publisher cannot unlink it first.
        SharedTable view = store.publish(name, SegmentKind.TABLE, tmp -> ArrowTableWriter.write(table, tmp,
                Map.of("shmkit.name", name, "shmkit.pid", Long.toString(SegmentStore.PID),
                        "shmkit.created", Instant.now().toString())), file -> {
                    owned.add(file.path());
                    PublishedValues.record(table, file);
                    return SharedTable.open(file.path());
                });
        return track(view);
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
            SegmentFile file = store.publish(name, SegmentKind.OBJECT, tmp -> ObjectWriter.write(value, tmp, SegmentStore.PID));
            owned.add(file.path());
            PublishedValues.record(value, file);
        }
        return entry(name).orElseThrow(() -> notFound(name));
    }

    /** Attaches the current version of table {@code name} (zero-copy; closed with this space). */
    public SharedTable table(String name) {
        checkOpen();
        return track(attach(name, SegmentKind.TABLE, SharedTable::open));
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
        Object key = fileKey(seg.path());
        Cached c = objectCache.get(name);
        if (c != null && c.path().equals(seg.path()) && c.fileKey().equals(key)) {
            return cast(name, type, c.value());
        }
        Object value = seg.read(type, loader);
        objectCache.put(name, new Cached(seg.path(), key, value));
        return type.cast(value);
    }

    /** The current version of object {@code name}, mapped (kept attached by this space). */
    public ObjectSegment object(String name) {
        checkOpen();
        SegmentFile current = store.current(SegmentFile.validate(name)).orElseThrow(() -> notFound(name));
        ObjectSegment seg = objectSegments.get(name);
        if (seg != null && seg.path().equals(current.path())) {
            return seg;
        }
        ObjectSegment fresh = attach(name, SegmentKind.OBJECT, ObjectSegment::open);
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

    /** The entries of this space, sorted by name. */
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

    /** Removes every version of {@code name}; processes that mapped it keep their view. */
    public boolean remove(String name) {
        checkOpen();
        ObjectSegment seg = objectSegments.remove(name);
        if (seg != null) {
            seg.close();
        }
        objectCache.remove(name);
        return store.remove(name);
    }

    /** Removes what dead processes left behind (segments nobody maps, unfinished temporary files). */
    public SweepReport sweep() {
        checkOpen();
        return store.sweep();
    }

    /** Removes this space's own segments and unmaps every view it handed out. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN_SPACES.remove(this);
        RuntimeException failure = null;
        List<AutoCloseable> toClose = new ArrayList<>(attached);
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
        attached.clear();
        objectSegments.clear();
        objectCache.clear();
        removeOwned();
        if (failure != null) {
            throw failure;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void removeOwned() {
        for (Path p : owned) {
            store.delete(p);
        }
        owned.clear();
    }

    private <T> T attach(String name, SegmentKind kind, Function<Path, T> opener) {
        SegmentFile.validate(name);
        for (int attempt = 0; ; attempt++) {
            SegmentFile f = store.current(name).orElseThrow(() -> notFound(name));
            if (f.kind() != kind) {
                throw new ShmkitException("entry '" + name + "' in space " + directory() + " is "
                        + (f.kind() == SegmentKind.TABLE ? "a table, not an object" : "an object, not a table")
                        + (kind == SegmentKind.TABLE ? "; read it with space.get(\"" + name + "\", Type.class)"
                        : "; attach it with space.table(\"" + name + "\")"));
            }
            try {
                return opener.apply(f.path());
            } catch (SegmentNotFoundException e) {
                if (attempt >= ATTACH_RETRIES) {
                    throw e; // a newer version unlinked it each time: give up rather than spin
                }
            }
        }
    }

    private SharedTable track(SharedTable t) {
        if (attached.size() >= PRUNE_AT) {
            attached.removeIf(SharedTable::isClosed);
        }
        attached.add(t);
        return t;
    }

    private SpaceEntry describe(SegmentFile f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class);
            long rows = -1;
            int cols = -1;
            String type;
            if (f.kind() == SegmentKind.TABLE) {
                try (SharedTable t = SharedTable.open(f.path())) {
                    rows = t.rowCount();
                    cols = t.columnCount();
                    type = "table";
                }
            } else {
                try (ObjectSegment s = ObjectSegment.open(f.path())) {
                    type = s.valueClassName();
                }
            }
            return new SpaceEntry(f.name(), f.kind(), f.version(), a.size(), rows, cols, type, f.pid(),
                    f.pid() == SegmentStore.PID || Processes.alive(f.pid()), a.lastModifiedTime().toInstant(), f.path());
        } catch (SegmentNotFoundException | java.nio.file.NoSuchFileException e) {
            return null; // replaced or removed while listing
        } catch (IOException e) {
            throw new ShmkitException("cannot read " + f.path() + ": " + e, e);
        }
    }

    private ShmkitException notFound(String name) {
        List<String> names = new ArrayList<>();
        store.currentAll().forEach(f -> names.add(f.name() + " (" + f.kind().name().toLowerCase() + ")"));
        return new SegmentNotFoundException("no entry '" + name + "' in space " + directory() + "; entries: "
                + (names.isEmpty() ? "none" : String.join(", ", names))
                + "; publish it first (space.publish(\"" + name + "\", df) or %share df as " + name + ")");
    }

    private static Object fileKey(Path p) {
        try {
            Object k = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return k == null ? p.toString() : k;
        } catch (IOException e) {
            return p.toString();
        }
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
