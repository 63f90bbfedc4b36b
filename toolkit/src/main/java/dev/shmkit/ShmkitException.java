package dev.shmkit;

/**
 * Base type of every exception shmkit throws. Messages are written in {@code name=value}
 * style and say what went wrong, where, the numbers involved and the likely fix.
 */
public class ShmkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShmkitException(String message) {
        super(message);
    }

    public ShmkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
