package dev.shmkit;

import java.nio.file.Path;

/**
 * A file is not a segment shmkit can read: truncated, wrong magic, unsupported type,
 * offsets past the end, or a layout version newer than this build understands.
 * Thrown on attach, before any column is read.
 */
public class SegmentFormatException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SegmentFormatException(Path path, String problem) {
        super("segment file " + path + ": " + problem);
        this.path = path;
    }

    public SegmentFormatException(Path path, String problem, Throwable cause) {
        super("segment file " + path + ": " + problem, cause);
        this.path = path;
    }

    /** The file that failed to parse. */
    public Path path() {
        return path;
    }
}
