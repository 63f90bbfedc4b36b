package dev.shmkit.pool.local;

import dev.shmkit.job.RowTask;

/**
 * The task of {@link WorkerWarmUp}'s user-class pass. The warm-up defines this class again from its
 * bytes in a loader of its own, as a worker gets a user's class (served by the parent, or read from
 * a class directory), so that pass meets what a user's first job meets and the archive never holds:
 * a class defined from bytes and verified, and a serializable lambda rebuilt through that class's
 * {@code $deserializeLambda$}.
 */
final class WarmUpTask {
    private WarmUpTask() {
    }

    /** The warm-up table's column sum, a lambda of this class. */
    static RowTask<Double> sum() {
        return (view, r) -> view.doubleColumn("x").sum(r.from(), r.to());
    }
}
