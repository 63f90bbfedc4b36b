package dev.shmkit.memory;

import dev.shmkit.ShmkitException;

import java.nio.file.Path;

/** A segment file does not exist (never published, removed, or replaced by a newer version). */
public class SegmentNotFoundException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public SegmentNotFoundException(Path path) {
        super("segment file " + path + " does not exist (removed, or replaced by a newer version)");
    }

    public SegmentNotFoundException(String message) {
        super(message);
    }
}
