package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Listing and finding segment files in one directory (published, retired or drafts). */
final class SegmentFiles {
    private SegmentFiles() {
    }

    /** The segment files in {@code dir} matching {@code glob} (names are [A-Za-z0-9_.-], never glob syntax) and {@code keep}. */
    static List<SegmentFile> list(Path dir, String glob, Predicate<SegmentFile> keep) {
        List<SegmentFile> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                SegmentFile f = SegmentFile.parse(p);
                if (f != null && keep.test(f)) {
                    out.add(f);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new ShmkitException("cannot list space directory " + dir + ": " + e, e);
        }
        return out;
    }

    /** Every file of entry {@code name} in {@code dir}. */
    static List<SegmentFile> versions(Path dir, String name) {
        return list(dir, name + ".v*", f -> f.name().equals(name));
    }

    /** The file of exactly {@code id} in {@code dir}, if there. */
    static Optional<SegmentFile> find(Path dir, SegmentId id) {
        List<SegmentFile> hits = list(dir, id.name() + ".v" + id.version() + ".p*." + id.kind().extension(),
                f -> f.name().equals(id.name()) && f.version() == id.version() && f.kind() == id.kind());
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static long sizeOrMinusOne(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }
}
