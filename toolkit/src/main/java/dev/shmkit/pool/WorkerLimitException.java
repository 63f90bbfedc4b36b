package dev.shmkit.pool;

import dev.shmkit.ShmkitException;

/**
 * A pool was asked for more workers than {@code shmkit.maxWorkers} / {@code SHMKIT_MAX_WORKERS}
 * allows (a teacher's cap per student on a shared machine). Raised before any worker starts.
 */
public class WorkerLimitException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public WorkerLimitException(String message) {
        super(message);
    }
}
