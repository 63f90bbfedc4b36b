package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.array.SharedArray;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.table.OutputTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The writable things a space created (shared arrays, output tables), so that closing the space closes
 * them: a draft nobody sealed is removed, a sealed one is given back like a published segment.
 */
final class SpaceWrites {
    private final SegmentStore store;
    /** Arrays and output tables created here, in creation order (closing one twice is a no-op). */
    private final List<AutoCloseable> created = new ArrayList<>();

    SpaceWrites(SegmentStore store) {
        this.store = store;
    }

    synchronized <T extends AutoCloseable> T track(T t) {
        // forget what is gone for good; keep what was published, which the space gives back when it closes
        created.removeIf(c -> c instanceof SharedArray a ? a.isClosed() && !(a.isAllocatedHere() && a.isPublished())
                : c instanceof OutputTable o && o.isAborted());
        created.add(t);
        return t;
    }

    /** The current published array {@code name}, attached read-only, as {@code type}. */
    <A extends SharedArray> A attach(String name, Class<A> type, java.util.function.Supplier<ShmkitException> notFound) {
        SegmentFile f = store.current(SegmentFile.validate(name)).orElseThrow(notFound);
        if (f.kind() != SegmentKind.ARRAY) {
            throw new ShmkitException("entry '" + name + "' in space " + store.directory() + " is a "
                    + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ", not an array"
                    + (f.kind() == SegmentKind.TABLE ? "; attach it with space.table(\"" + name + "\")" : ""));
        }
        SharedArray a = SharedArray.attachAny(f.id());
        if (!type.isInstance(a)) {
            a.close();
            throw new ShmkitException("array '" + name + "' (" + f.id() + ") holds " + a.type().javaName()
                    + " elements, not what " + type.getSimpleName() + " holds");
        }
        return type.cast(a);
    }

    /**
     * Closes everything created here: unpublished drafts are removed; published versions are added to
     * {@code owned} (unless a newer version of the name is there) so the space gives them back.
     */
    synchronized RuntimeException closeAll(Map<String, SegmentFile> owned) {
        RuntimeException failure = null;
        for (AutoCloseable c : created) {
            try {
                SegmentId sealed = c instanceof SharedArray a && a.isAllocatedHere() && a.isPublished() ? a.id()
                        : c instanceof OutputTable o ? o.sealedId() : null;
                c.close();
                if (sealed != null) {
                    store.versions(sealed.name()).stream().filter(f -> f.version() == sealed.version()).findFirst()
                            .ifPresent(f -> owned.merge(f.name(), f, (a, b) -> a.version() >= b.version() ? a : b));
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new ShmkitException("closing space " + store.directory() + ": closing " + c + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        created.clear();
        return failure;
    }
}
