package dev.shmkit.job;

import dev.shmkit.ShmkitException;

/** The job was cancelled (explicitly, by interrupting the waiting thread, or by closing the pool). */
public class JobCancelledException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    /** A cancellation with its reason. */
    public JobCancelledException(String message) {
        super(message);
    }
}
