package dev.shmkit.pool;

import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * While installed on a pool ({@link Compare#code}), every table map the pool runs is switched to one
 * access mode (copy, proxy or share) and its result is recorded: how a comparison runs code it did not
 * write, such as a notebook cell ending in {@code pool.map(space.table("big"), task, options)}.
 */
final class TableMapCapture {
    private final AccessMode mode;
    private final JobListener listener;
    /** A discarded warm-up run: its maps run in share mode, silently, named " (warm-up)". */
    private final boolean warmUp;
    private final List<CompletableFuture<? extends JobResult<?>>> results = new CopyOnWriteArrayList<>();

    /**
     * @param mode     the mode the maps run in
     * @param listener progress listener for maps whose options have none, or null for the pool's default
     */
    TableMapCapture(AccessMode mode, JobListener listener) {
        this(mode, listener, false);
    }

    private TableMapCapture(AccessMode mode, JobListener listener, boolean warmUp) {
        this.mode = mode;
        this.listener = listener;
        this.warmUp = warmUp;
    }

    /** The capture of a discarded share-mode warm-up run whose maps tell {@code quiet}, whatever their options say. */
    static TableMapCapture warmUp(JobListener quiet) {
        return new TableMapCapture(AccessMode.SHARE, quiet, true);
    }

    /** The mode the captured maps run in. */
    AccessMode mode() {
        return mode;
    }

    /** {@code options} switched to this capture's mode, its name marked " (copy)", " (proxy)" or " (share)". */
    JobOptions apply(JobOptions options) {
        if (warmUp) {
            return options.access(mode).name(options.name() + " (warm-up)").progress(listener);
        }
        JobOptions o = options.access(mode).name(options.name() + " (" + mode.label() + ")");
        return listener != null && o.listener() == null ? o.progress(listener) : o;
    }

    /** Records a started map. */
    void record(CompletableFuture<? extends JobResult<?>> result) {
        results.add(result);
    }

    /** The results of the maps started while installed, in start order (each waited for). */
    List<JobResult<?>> results() {
        return results.stream().<JobResult<?>>map(CompletableFuture::join).toList();
    }
}
