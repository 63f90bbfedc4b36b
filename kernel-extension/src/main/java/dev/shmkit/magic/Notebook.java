package dev.shmkit.magic;

import dev.shmkit.pool.Compare;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowTask;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SpaceEntry;
import tech.tablesaw.api.Table;

/**
 * What the magics do, as plain methods JShell and notebook users can call too:
 * {@code Notebook.share(space, "big", df, "df")} is {@code %share df as big}.
 * Each returns a result with {@code toHtml()} and {@code toString()}.
 */
public final class Notebook {
    /** How long {@link #workers} waits for retired workers to exit, so that the listing shows the new size. */
    private static final long RETIRE_WAIT_NANOS = 3_000_000_000L;

    private Notebook() {
    }

    /**
     * Publishes {@code value} as {@code name}: a Tablesaw {@link Table} as a shared table
     * ({@link SharedSpace#publish}), anything else as an object ({@link SharedSpace#put}).
     *
     * @param variable the notebook variable's name, for the report
     * @throws dev.shmkit.segment.InvalidNameException if {@code name} is not a valid entry name
     * @throws dev.shmkit.memory.SpaceFullException  if the device holding the space has no room
     */
    public static ShareResult share(SharedSpace space, String name, Object value, String variable) {
        long t0 = System.nanoTime();
        if (value instanceof Table t) {
            // the magic shows no view: closed now, a replaced version is not left mapped until the GC finds the
            // dropped view (the space's own pin maps the current one)
            space.publish(name, t).close();
        } else {
            space.put(name, value);
        }
        long nanos = System.nanoTime() - t0;
        SpaceEntry entry = space.entry(name).orElseThrow(
                () -> new IllegalStateException("entry '" + name + "' vanished right after publishing (a concurrent remove?)"));
        return new ShareResult(variable, entry, nanos, space.directory());
    }

    /** Removes every version of {@code name}. */
    public static UnshareResult unshare(SharedSpace space, String name) {
        return new UnshareResult(name, space.remove(name), space.directory());
    }

    /** The entries of {@code space}, after a sweep of what dead processes left if {@code sweep}. */
    public static SpaceListing list(SharedSpace space, boolean sweep) {
        var report = sweep ? space.sweep() : null;
        return new SpaceListing(space.directory(), space.list(), report, space.store().spareBytes());
    }

    /** Starts or resizes {@code pool} to {@code n} workers ({@code n <= 0}: as it is, starting it if lazy); its workers. */
    public static WorkersResult workers(WorkerPool pool, int n) {
        if (n > 0) {
            pool.resize(n);
            long end = System.nanoTime() + RETIRE_WAIT_NANOS;
            while (pool.workers().size() > n && System.nanoTime() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new WorkersResult(pool.workers());
    }

    /**
     * Runs {@code task} over {@code table} in each access mode (share, copy, proxy) and compares the runs
     * ({@link Compare#run}).
     */
    public static <R> CompareResult compare(WorkerPool pool, SharedTable table, RowTask<R> task, JobOptions options) {
        return new CompareResult(Compare.run(pool, table, task, options));
    }

    /** As {@link #compare(WorkerPool, SharedTable, RowTask, JobOptions)}, in {@code modes} only. */
    public static <R> CompareResult compare(WorkerPool pool, SharedTable table, RowTask<R> task, JobOptions options,
                                            java.util.List<dev.shmkit.job.AccessMode> modes) {
        return new CompareResult(Compare.run(pool, table, task, options, modes));
    }
}
