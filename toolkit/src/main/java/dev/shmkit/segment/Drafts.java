package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Bytes;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.memory.MappedWrites;
import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.Reservation;
import dev.shmkit.memory.SpaceFullException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The writable drafts of a {@link SegmentStore}: created under {@code .tmp/} (in a spare when one is free),
 * allocated on the device up front, mapped read-write by their writers, and sealed into place as the newest
 * version of their name. Versions, the lock and the quota are the store's.
 */
final class Drafts {
    private final SegmentStore store;

    Drafts(SegmentStore store) {
        this.store = store;
    }

    /** {@link SegmentStore#create}: a spare when one is free (retried in a fresh file when the device is full). */
    WritableSegment create(String name, SegmentKind kind, long bytes) {
        SegmentFile.validate(name);
        if (bytes <= 0) {
            throw new ShmkitException("cannot create segment '" + name + "': bytes=" + bytes + " (must be > 0)");
        }
        store.checkQuota("create '" + name + "' in space " + store.directory(), null, Bytes.align(bytes, DevicePages.SMALL_PAGE), name);
        for (boolean retried = false; ; retried = true) {
            boolean fresh = retried;
            SegmentFile draft = store.lock().with(() -> {
                long v = store.nextVersion(name);
                Path p = store.temporaryDirectory().resolve(SegmentFile.fileName(name, v, SegmentStore.PID, kind));
                if (!fresh && SpareFiles.enabled(store.directory()) && SpareFiles.take(store.directory(), name, p)) {
                    return new SegmentFile(name, v, SegmentStore.PID, kind, p);
                }
                try {
                    PrivatePaths.createFile(p);
                } catch (IOException e) {
                    throw new ShmkitException("cannot create draft segment '" + name + "' file=" + p + ": " + e, e);
                }
                return new SegmentFile(name, v, SegmentStore.PID, kind, p);
            });
            try {
                return draft(draft, bytes);
            } catch (SpaceFullException e) {
                SegmentFiles.deleteQuietly(draft.path());
                store.dropSparesOrThrow(e, retried);
            } catch (RuntimeException | Error e) {
                SegmentFiles.deleteQuietly(draft.path());
                throw e;
            }
        }
    }

    /**
     * Allocates {@code draft}'s file in whole pages for {@code bytes} and, when it is a recycled spare, zeroes
     * what it held (through the draft's own mapping, over all cores: its pages then stay mapped for the writer),
     * before anyone is given the draft's id. A 400 MB spare zeroed that way costs less than the kernel
     * allocating and zeroing 400 MB of fresh 4 KiB pages as they are first written, and its pages are not
     * unlinked when the previous version is superseded (they become the next spare).
     */
    private WritableSegment draft(SegmentFile draft, long bytes) {
        long length = Mapping.readWriteLength(draft.path(), bytes);
        long held = SegmentFiles.sizeOrZero(draft.path());
        if (held > length) {
            try (FileChannel ch = FileChannel.open(draft.path(), StandardOpenOption.WRITE)) {
                ch.truncate(length);
            } catch (IOException e) {
                throw new ShmkitException("cannot cut recycled file=" + draft.path() + " to length=" + length + ": " + e, e);
            }
        }
        Reservation.claim(draft.path(), length);
        WritableSegment w = new WritableSegment(store, draft, bytes);
        if (held > 0) { // a fresh file's pages are left to fault in: populating them up front measured no faster
            try {
                MappedWrites.zero(w.mapping(), Math.min(held, length));
            } catch (RuntimeException | Error e) {
                w.abort();
                throw e;
            }
        }
        return w;
    }

    /**
     * Cuts {@code draft} to {@code bytes} (it was allocated in whole pages; what lies past the new end
     * stays inside its writers' last mapped page, so they cannot fault) and makes it visible as the
     * newest version of its name; returns the published file.
     */
    SegmentFile seal(SegmentFile draft, long bytes) {
        List<SegmentId> superseded = new ArrayList<>();
        SegmentFile sealed = store.lock().with(() -> {
            try (FileChannel ch = FileChannel.open(draft.path(), StandardOpenOption.WRITE)) {
                ch.truncate(bytes);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new SegmentNotFoundException("cannot seal segment " + draft.id() + ": draft file=" + draft.path()
                        + " is gone (swept after its creator died, or aborted)", e);
            } catch (IOException e) {
                throw new ShmkitException("cannot seal segment " + draft.id() + ": truncating file=" + draft.path()
                        + " to length=" + bytes + " failed: " + e, e);
            }
            long published = 0;
            for (Path d : List.of(store.directory(), store.retiredDirectory())) {
                for (SegmentFile f : SegmentFiles.versions(d, draft.name())) {
                    published = Math.max(published, f.version());
                }
            }
            long v = draft.version() > published ? draft.version() : store.nextVersion(draft.name());
            return store.moveIntoPlace(draft.path(), draft.name(), v, draft.pid(), draft.kind(), superseded);
        });
        superseded.forEach(SegmentEvents::fireSuperseded);
        return sealed;
    }
}
