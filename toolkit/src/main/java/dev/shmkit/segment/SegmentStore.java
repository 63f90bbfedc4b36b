package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.memory.SpaceFullException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The files of one space directory: versions, atomic publication, writable drafts, removal, and
 * giving memory back. Knows nothing about what a segment contains.
 *
 * <pre>
 *   &lt;space&gt;/big.v3.p4121.arrow            published (the highest version of a name is current)
 *   &lt;space&gt;/.retired/big.v2.p4121.arrow   superseded or removed, still mapped by some process
 *   &lt;space&gt;/.tmp/big.4121.17.arrow        being written by publisher 4121 (never resolvable)
 *   &lt;space&gt;/.tmp/res.v4.p4121.res          a draft created by 4121, mapped read-write by writers
 *   &lt;space&gt;/.spare/big.4121.7.spare         a released file kept with its pages for the next publish
 * </pre>
 *
 * <p>Publication: the writer fills a private temporary file under {@code .tmp/} (same device),
 * then, under the {@link SpaceLock}, the next version number is chosen, the file is renamed into
 * place (atomic: no reader sees a partial file) and older versions are given back
 * ({@link Retirement}: unlinked, or parked as a {@link SpareFiles spare}, when nobody maps them, else
 * moved to {@code .retired/}); a publish writes into a spare when there is one. Version
 * numbers are chosen above every published, retired and draft file of the name, so an id never
 * names two files at once.
 */
public final class SegmentStore {
    /** This process: the publisher and owner recorded in the file names it creates. */
    public static final long PID = ProcessHandle.current().pid();
    static final String TMP = ".tmp";
    static final String RETIRED = ".retired";
    private static final AtomicLong TMP_SEQ = new AtomicLong();
    /** Drafts are allocated in whole pages of this size (the quota counts what the device will hold). */

    private final Path dir;
    private final Path tmpDir;
    private final Path retiredDir;
    private final SpaceLock lock;
    private final SpaceQuota quota;
    private final Drafts drafts = new Drafts(this);

    /** Writes a whole segment into the given file. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the segment into {@code file}, which exists with mode 0600 (open it with {@code WRITE}
         * and without {@code CREATE_NEW}, so its mode stays private). It is empty, or a recycled
         * {@link SpareFiles spare} whose old bytes the writer overwrites and cuts to its own length
         * (cut it first when it is longer: truncating to zero would free the pages it is there for).
         */
        void write(Path file) throws IOException;
    }

    /** The store of the space directory {@code dir} (created with mode 0700 if missing). */
    public SegmentStore(Path dir) {
        this(dir, null);
    }

    /**
     * The store of the space directory {@code dir} under the base directory {@code base} (null when the
     * caller chose the space directory itself). Every level shmkit owns (base, space, {@code .tmp/},
     * {@code .retired/}) is created 0700 if missing and refused unless it is a real directory of this
     * uid with no group/other bits ({@link PrivatePaths}); the lock file is 0600.
     */
    public SegmentStore(Path dir, Path base) {
        this(dir, base, SpaceQuota.configuredCap());
    }

    /**
     * As {@link #SegmentStore(Path, Path)}, with a cap on the bytes held under {@code base} (or
     * {@code dir} when base is null): {@link SpaceQuota#UNLIMITED} for none.
     */
    public SegmentStore(Path dir, Path base, long capBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.tmpDir = this.dir.resolve(TMP);
        this.retiredDir = this.dir.resolve(RETIRED);
        if (base != null) {
            PrivatePaths.directory(base.toAbsolutePath().normalize(), "space base directory");
        }
        PrivatePaths.directory(this.dir, "space directory");
        PrivatePaths.directory(tmpDir, "space temporary directory");
        PrivatePaths.directory(retiredDir, "space retired directory");
        if (SpareFiles.configured() && !DevicePages.of(this.dir).huge()) {
            // 2 MiB pages are allocated and freed in ~1 ms per 320 MB: nothing to win there, and a fresh file
            // gets the parallel mapped copy (measured: recycled+pwrite 0.175 s against fresh+mapped 0.109 s)
            PrivatePaths.directory(this.dir.resolve(SpareFiles.DIR), "space spare directory");
        }
        this.lock = SpaceLock.of(this.dir);
        lock.verify();
        this.quota = new SpaceQuota(base != null ? base.toAbsolutePath().normalize() : this.dir, capBytes);
    }

    /** The cap on what this user's spaces may hold, and where it is measured. */
    public SpaceQuota quota() {
        return quota;
    }

    /** The space directory. */
    public Path directory() {
        return dir;
    }

    /**
     * The space's directory for unfinished files ({@code .tmp/}); a file named
     * {@code <anything>.<pid>.<seq>.<ext>} there is removed by {@link #sweep()} once process pid is gone.
     */
    public Path temporaryDirectory() {
        return tmpDir;
    }

    /**
     * A private sub-directory {@code <space>/<name>} for other parts of shmkit (e.g. {@code .pools}):
     * created 0700 if missing, refused unless it is a real directory of this uid with no group/other bits.
     */
    public Path privateDirectory(String name) {
        if (!name.matches("\\.?[A-Za-z0-9_-]+")) {
            throw new ShmkitException("invalid private directory name '" + name + "': one path element of [A-Za-z0-9_-], optionally after a '.'");
        }
        return PrivatePaths.directory(dir.resolve(name), "private space sub-directory");
    }

    /** Writes a new version of {@code name} and makes it current. */
    public SegmentFile publish(String name, SegmentKind kind, Writer writer) {
        return publish(name, kind, writer, f -> f);
    }

    /**
     * As {@link #publish(String, SegmentKind, Writer)}, then runs {@code inLock} on the new version
     * before the lock is released: a concurrent publisher cannot retire it in between, so the caller
     * can map the version it just wrote.
     */
    public <T> T publish(String name, SegmentKind kind, Writer writer, Function<SegmentFile, T> inLock) {
        SegmentFile.validate(name);
        String what = "publish '" + name + "' in space " + dir;
        checkQuota(what, null, 0, name); // already at the cap: refuse before writing anything
        Path tmp = tmpDir.resolve(name + "." + PID + "." + TMP_SEQ.incrementAndGet() + "." + kind.extension());
        for (boolean retried = false; ; retried = true) {
            try {
                // tables only: their writer overwrites in place (an object's writer truncates, freeing the pages)
                boolean recycled = !retried && kind == SegmentKind.TABLE && takeSpare(name, tmp);
                if (!recycled) {
                    PrivatePaths.createFile(tmp); // 0600 before the first byte is written
                }
                writer.write(tmp);
                break;
            } catch (IOException e) {
                SegmentFiles.deleteQuietly(tmp);
                throw new ShmkitException("cannot write segment '" + name + "' to " + tmp + ": " + e, e);
            } catch (SpaceFullException e) {
                SegmentFiles.deleteQuietly(tmp);
                dropSparesOrThrow(e, retried);
            } catch (RuntimeException | Error e) {
                SegmentFiles.deleteQuietly(tmp);
                throw e;
            }
        }
        List<SegmentId> superseded = new ArrayList<>();
        T result = lock.with(() -> {
            try {
                checkQuota(what, tmp, SegmentFiles.sizeOrZero(tmp), name);
            } catch (RuntimeException e) {
                SegmentFiles.deleteQuietly(tmp);
                throw e;
            }
            SegmentFile f = moveIntoPlace(tmp, name, nextVersion(name), PID, kind, superseded);
            return inLock.apply(f);
        });
        superseded.forEach(SegmentEvents::fireSuperseded);
        return result;
    }

    /** Renames {@code from} to version {@code version} and gives older versions back (under the lock). */
    SegmentFile moveIntoPlace(Path from, String name, long version, long pid, SegmentKind kind,
                              List<SegmentId> superseded) {
        Path target = dir.resolve(SegmentFile.fileName(name, version, pid, kind));
        try {
            PrivatePaths.seal(from); // read-only from the moment it is visible: nobody cuts it under its readers
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            SegmentFiles.deleteQuietly(from);
            throw new ShmkitException("cannot publish '" + name + "': " + dir + " does not support atomic rename", e);
        } catch (IOException e) {
            SegmentFiles.deleteQuietly(from);
            throw new ShmkitException("cannot publish '" + name + "': rename " + from + " -> " + target + " failed: " + e, e);
        }
        List<SegmentFile> old = new ArrayList<>(versions(name));
        old.removeIf(f -> f.version() == version);
        Retirement.retireOrRecycle(dir, old);
        old.forEach(f -> superseded.add(f.id()));
        return new SegmentFile(name, version, pid, kind, target);
    }

    /** One above every published, retired and draft version of {@code name} (under the lock). */
    long nextVersion(String name) {
        long max = 0;
        for (Path d : List.of(dir, retiredDir, tmpDir)) {
            for (SegmentFile f : SegmentFiles.versions(d, name)) {
                max = Math.max(max, f.version());
            }
        }
        return max + 1;
    }

    /**
     * Creates a writable draft of {@code name}: a file under {@code .tmp/} allocated on the device up
     * front (whole pages; cut to exactly {@code bytes} when sealed), with its own {@link SegmentId} so other processes can map it
     * read-write ({@link LocalSegmentSource}) while it is a draft. Nothing is visible until
     * {@link WritableSegment#seal()}.
     *
     * @throws dev.shmkit.memory.SpaceFullException when the device cannot hold {@code bytes} (nothing is left behind)
     */
    public WritableSegment create(String name, SegmentKind kind, long bytes) {
        return drafts.create(name, kind, bytes);
    }

    /** Seals {@code draft} as the newest version of its name ({@link Drafts#seal}). */
    SegmentFile seal(SegmentFile draft, long bytes) {
        return drafts.seal(draft, bytes);
    }

    /**
     * After a write into a spare (first try) found the device full: other spares may hold the room it needs, so
     * they are given back and the caller writes once more into a fresh file; rethrows {@code e} when this was
     * that second try or there was no other spare (a fresh file needs what the spare gave plus what was missing).
     */
    void dropSparesOrThrow(SpaceFullException e, boolean retried) {
        if (retried || dropSpares() == 0) {
            throw e;
        }
    }

    /** Takes a spare into {@code tmp} (under the lock) when recycling is on; false when there is none. */
    private boolean takeSpare(String name, Path tmp) {
        return SpareFiles.enabled(dir) && lock.with(() -> SpareFiles.take(dir, name, tmp));
    }

    /** The quota check, once more after unlinking the spares when it refuses and there were some. */
    void checkQuota(String what, Path file, long requested, String name) {
        try {
            quota.check(what, file, requested, () -> replacedBytes(name));
        } catch (SpaceQuotaExceededException e) {
            if (dropSpares() == 0) {
                throw e;
            }
            quota.check(what, file, requested, () -> replacedBytes(name));
        }
    }

    /** The lock of this space directory. */
    SpaceLock lock() {
        return lock;
    }

    /** Where superseded versions still mapped by some process wait ({@code .retired/}). */
    Path retiredDirectory() {
        return retiredDir;
    }

    /** Unlinks every spare of this space (the owner closing it, a full device, the quota); returns the bytes freed. */
    public long dropSpares() {
        return lock.with(() -> SpareFiles.dropAll(dir));
    }

    /** Bytes the spares of this space hold: released files kept, with their pages, for the next publish. */
    public long spareBytes() {
        return SpareFiles.bytes(dir);
    }

    /** Bytes of the published versions of {@code name}: what a new version would replace. */
    private long replacedBytes(String name) {
        return versions(name).stream().mapToLong(f -> SegmentFiles.sizeOrZero(f.path())).sum();
    }

    /** The current (highest) version of {@code name}, if any. */
    public Optional<SegmentFile> current(String name) {
        return versions(name).stream().max(Comparator.comparingLong(SegmentFile::version));
    }

    /** Every published version of {@code name} (normally one; retired ones are not listed). */
    public List<SegmentFile> versions(String name) {
        return SegmentFiles.versions(dir, name);
    }

    /** The current version of every entry, by name. */
    public List<SegmentFile> currentAll() {
        Map<String, SegmentFile> latest = new LinkedHashMap<>();
        for (SegmentFile f : allFiles()) {
            latest.merge(f.name(), f, (a, b) -> a.version() >= b.version() ? a : b);
        }
        List<SegmentFile> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(SegmentFile::name));
        return out;
    }

    /** Every published segment file of the space. */
    public List<SegmentFile> allFiles() {
        return SegmentFiles.list(dir, "*", f -> true);
    }

    /** Gives back every published version of {@code name}; returns whether there was one. */
    public boolean remove(String name) {
        SegmentFile.validate(name);
        List<SegmentFile> all = lock.with(() -> {
            List<SegmentFile> v = versions(name);
            Retirement.retireOrUnlink(dir, v);
            SpareFiles.drop(dir, p -> SpareFiles.of(p, name));
            return v;
        });
        all.forEach(f -> SegmentEvents.fireRemoved(f.id()));
        return !all.isEmpty();
    }

    /**
     * Gives back these versions if they are still published (the owner closing its space). With
     * {@code exiting}, this process's own mappings are ignored: it is about to end, and they with it.
     */
    public void release(List<SegmentFile> files, boolean exiting) {
        List<SegmentFile> gone = lock.with(() -> {
            List<SegmentFile> present = new ArrayList<>();
            for (SegmentFile f : files) {
                if (Files.exists(f.path())) {
                    present.add(f);
                }
            }
            if (exiting) {
                Retirement.unlinkIgnoringSelf(dir, present);
            } else {
                Retirement.retireOrUnlink(dir, present);
            }
            return present;
        });
        gone.forEach(f -> SegmentEvents.fireRemoved(f.id()));
    }

    /**
     * Unlinks the retired versions that no process maps any more: their last mapper ended without
     * unlinking them (a worker stopped while it still mapped a version removed just before). Returns
     * how many were unlinked. The owner calls it when it closes its space.
     */
    public int releaseUnmappedRetired() {
        return lock.with(() -> Retirement.unlinkUnmappedRetired(dir));
    }

    /**
     * Removes what dead processes left behind: their published segments that nobody maps, retired
     * versions nobody maps any more, unfinished temporary files and drafts of dead creators.
     */
    public SweepReport sweep() {
        return lock.with(() -> Sweep.run(dir, tmpDir, retiredDir));
    }

    @Override
    public String toString() {
        return "SegmentStore[" + dir + "]";
    }
}
