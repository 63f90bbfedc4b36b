package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

/** A segment does not exist (never published, removed, or replaced and unmapped everywhere). */
public class SegmentNotFoundException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public SegmentNotFoundException(String message) {
        super(message);
    }

    public SegmentNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
