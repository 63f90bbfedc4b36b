package dev.shmkit.cli;

import dev.shmkit.ShmkitException;

/** A command was called wrongly; the message gives the correct usage. */
public class UsageException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
