package dev.shmkit.kernel;

/**
 * Code in a cell threw. The cause is the live exception the cell threw (when the engine kept it);
 * otherwise the class name and message that JShell reported are kept.
 */
public class CellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exceptionClass;

    /** Wraps the live exception a cell threw. */
    public CellException(Throwable thrown) {
        super(thrown.getMessage(), thrown);
        this.exceptionClass = thrown.getClass().getName();
        setStackTrace(thrown.getStackTrace());
    }

    /** Describes an exception known only by class name and message (e.g. an unresolved reference). */
    public CellException(String exceptionClass, String message, StackTraceElement[] stack) {
        super(message);
        this.exceptionClass = exceptionClass;
        setStackTrace(stack);
    }

    /** Fully qualified class name of what the cell threw. */
    public String exceptionClass() {
        return exceptionClass;
    }
}
