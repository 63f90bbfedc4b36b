package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides how a job is cut into tasks: item chunks of a {@code mapItems} job
 * and row ranges of a table job. Automatic chunking makes {@link #AUTO_CHUNKS_PER_WORKER} tasks
 * per worker, like Python's {@code Pool.map}.
 */
public final class Chunking {
    /** Tasks per worker when chunking is automatic: enough to balance, few enough to stay cheap. */
    public static final int AUTO_CHUNKS_PER_WORKER = 4;

    private Chunking() {
    }

    /** Items per task for {@code items} items over {@code workers} workers: {@code chunkSize}, else ceil(items / (4 x workers)). */
    public static int itemChunk(int items, JobOptions options, int workers) {
        if (options.chunkSize() > 0) {
            return options.chunkSize();
        }
        long per = AUTO_CHUNKS_PER_WORKER * (long) Math.max(1, workers);
        return (int) Math.max(1, (items + per - 1) / per);
    }

    /** The item ranges {@code [from, to)} of a job over {@code items} items. */
    public static List<RowRange> itemRanges(int items, JobOptions options, int workers) {
        return split(items, itemChunk(items, options, workers));
    }

    /** Rows per task of a table job: {@code chunkRows}, else rows / {@code chunkCount}, else 4 tasks per worker. */
    public static long rowChunk(int rows, JobOptions options, int workers) {
        if (options.chunkRows() > 0) {
            return options.chunkRows();
        }
        int count = options.chunkCount() > 0 ? options.chunkCount() : AUTO_CHUNKS_PER_WORKER * Math.max(1, workers);
        return Math.max(1, ((long) rows + count - 1) / count);
    }

    /** The row ranges of a table job over {@code rows} rows. */
    public static List<RowRange> rowRanges(int rows, JobOptions options, int workers) {
        return split(rows, rowChunk(rows, options, workers));
    }

    private static List<RowRange> split(int n, long per) {
        List<RowRange> out = new ArrayList<>();
        for (long from = 0; from < n; from += per) {
            out.add(new RowRange((int) from, (int) Math.min(n, from + per)));
        }
        return out;
    }
}
