package dev.shmkit.job;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running job. {@link #cancel(boolean)} stops it (running tasks are interrupted; a task that
 * ignores interruption costs its worker, which the pool replaces). A thread interrupted while
 * waiting in {@link #join()} cancels the job, as a notebook's interrupt button expects.
 */
public final class JobFuture<V> implements Future<V> {
    private final CompletableFuture<V> done;
    private final Runnable canceller;

    /** A future completed by {@code done}; {@code canceller} stops the job. */
    public JobFuture(CompletableFuture<V> done, Runnable canceller) {
        this.done = done;
        this.canceller = canceller;
    }

    /** The underlying completion, for composing; cancelling it does not stop the job (use {@link #cancel}). */
    public CompletableFuture<V> asCompletable() {
        return done;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (done.isDone()) {
            return false;
        }
        canceller.run();
        return true;
    }

    @Override
    public boolean isCancelled() {
        return done.isCompletedExceptionally() && done.handle((v, e) -> {
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            return c instanceof JobCancelledException || c instanceof CancellationException;
        }).join();
    }

    @Override
    public boolean isDone() {
        return done.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        try {
            return done.get();
        } catch (InterruptedException e) {
            canceller.run();
            throw e;
        }
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return done.get(timeout, unit);
        } catch (InterruptedException e) {
            canceller.run();
            throw e;
        }
    }

    /**
     * Waits for the value. Throws the job's {@link JobFailedException} or {@link JobCancelledException}
     * directly; an interrupt cancels the job, keeps the interrupt flag and throws JobCancelledException.
     */
    public V join() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            canceller.run();
            Thread.currentThread().interrupt();
            throw new JobCancelledException("job cancelled: the waiting thread was interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                // Rethrown as is: it carries the remote details; the local stack is in the suppressed one.
                c.addSuppressed(new Exception("waited here"));
                throw (RuntimeException) c;
            }
            throw new JobFailedExceptionWrapper(c);
        }
    }

    private static final class JobFailedExceptionWrapper extends dev.shmkit.ShmkitException {
        private static final long serialVersionUID = 1L;

        JobFailedExceptionWrapper(Throwable cause) {
            super("job failed: " + cause, cause);
        }
    }
}
