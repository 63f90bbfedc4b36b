package dev.shmkit.segment;

import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.MissingFileException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Segments as files of a space directory on this machine. Within one process a version is mapped
 * once: every {@link #map} of the same id shares one mapping (each call returns its own handle),
 * which is unmapped when the last handle is closed. On that unmap, a version that was retired
 * meanwhile and that no other process maps is unlinked, so its bytes return to the device.
 *
 * <p>Resolution order: the space directory, then {@code .retired/}, then both again (a version
 * moves from the first to the second by an atomic rename, so two rounds cannot miss it), then
 * {@code .tmp/} for a draft. Published and retired versions are mapped read-only, drafts read-write.
 */
public final class LocalSegmentSource implements SegmentSource {
    private static final LocalSegmentSource INSTANCE = new LocalSegmentSource();
    /** Attempts when the file moved between finding and opening it (retired, or sealed, meanwhile). */
    private static final int OPEN_ATTEMPTS = 4;

    private LocalSegmentSource() {
    }

    /** The local source (segments of any space directory on this machine). */
    public static LocalSegmentSource get() {
        return INSTANCE;
    }

    @Override
    public Mapping map(SegmentId id) {
        Mapping held = Mapping.existing(id);
        if (held != null) {
            return held; // a published (or retired) version this process already maps
        }
        Path dir = id.spaceDirectory();
        MissingFileException last = null;
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            Optional<Located> where = locate(id);
            if (where.isEmpty()) {
                break;
            }
            Located l = where.get();
            // A draft is shared under its own key: once sealed, readers get the sealed file read-only and
            // at its final length, not a writer's page-rounded read-write mapping.
            Object key = l.draft() ? new DraftKey(id) : id;
            try {
                return Mapping.shared(key, () -> {
                    // Mapped under the space lock, like every unlink of a version nobody maps: either the unlink
                    // came first (the file is gone: look again) or it sees this mapping (and retires instead).
                    Mapping m = SpaceLock.of(dir).with(() ->
                            l.draft() ? Mapping.readWrite(l.path()) : Mapping.readOnly(l.path()));
                    Path fileName = l.path().getFileName();
                    m.whenUnmapped(() -> Retirement.unlinkIfUnmapped(dir, fileName));
                    return m;
                });
            } catch (MissingFileException e) {
                last = e; // moved between listing and opening: look again
            }
        }
        throw new SegmentNotFoundException("segment " + id + " (" + id.kind().name().toLowerCase() + ") in space "
                + dir + " does not exist any more: removed or replaced, and no process maps it;"
                + " attach the current version (space.table(\"" + id.name() + "\"))", last);
    }

    /** The registry key of a draft's read-write mapping. */
    private record DraftKey(SegmentId id) {
    }

    /** Where a version's file is now. */
    private record Located(Path path, boolean draft) {
    }

    private static Optional<Located> locate(SegmentId id) {
        Path dir = id.spaceDirectory();
        for (int round = 0; round < 2; round++) {
            Optional<SegmentFile> f = SegmentFiles.find(dir, id);
            if (f.isEmpty()) {
                f = SegmentFiles.find(dir.resolve(SegmentStore.RETIRED), id);
            }
            if (f.isPresent()) {
                return Optional.of(new Located(f.get().path(), false));
            }
        }
        return SegmentFiles.find(dir.resolve(SegmentStore.TMP), id).map(f -> new Located(f.path(), true));
    }

    /** The file of {@code id} now (published, retired or draft), if any. */
    public Optional<Path> locateFile(SegmentId id) {
        return locate(id).map(Located::path);
    }

    /** Whether {@code id} is published in its space directory (neither retired nor a draft). */
    public boolean isPublished(SegmentId id) {
        return SegmentFiles.find(id.spaceDirectory(), id).isPresent();
    }

    @Override
    public String toString() {
        return "LocalSegmentSource";
    }
}
