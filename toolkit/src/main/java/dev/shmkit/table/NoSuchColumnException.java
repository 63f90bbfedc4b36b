package dev.shmkit.table;

import dev.shmkit.ShmkitException;

/** A column was asked for by a name the table does not have, or as a type it does not have. */
public class NoSuchColumnException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public NoSuchColumnException(String message) {
        super(message);
    }
}
