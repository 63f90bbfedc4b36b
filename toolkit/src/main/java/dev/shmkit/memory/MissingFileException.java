package dev.shmkit.memory;

import dev.shmkit.ShmkitException;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file to map does not exist (never written, renamed or unlinked). The memory layer knows
 * files only; the segment layer turns this into a segment-level "not found" with the entry's name.
 */
public class MissingFileException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public MissingFileException(Path path, Throwable cause) {
        super("cannot map file=" + path + ": it does not exist (removed, renamed or never written)", cause);
        this.path = path;
    }

    /** The path that was not found. */
    public Path path() {
        return path;
    }

    /** A {@code MissingFileException} for {@code path} with a {@link NoSuchFileException} as cause. */
    static MissingFileException of(Path path) {
        return new MissingFileException(path, new NoSuchFileException(path.toString()));
    }
}
