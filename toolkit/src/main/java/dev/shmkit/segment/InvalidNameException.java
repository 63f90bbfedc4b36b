package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

/** A segment or space name that is not allowed. */
public class InvalidNameException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
