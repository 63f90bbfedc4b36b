package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.JobFuture;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.OutputRowTask;
import dev.shmkit.job.OutputRunner;
import dev.shmkit.job.OutputTask;
import dev.shmkit.job.RowRange;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Jobs that write an {@link OutputTable}: one task per row range, each writing its own rows in place,
 * and the job's end in one place. When every task succeeded the workers are told to unmap the draft
 * (and answer), then the output is sealed: published under its name as a new version, whose id is the
 * job's one value. When the job fails or is cancelled, the output is aborted instead: nothing is
 * published and the draft file is removed. A task whose worker died is retried into the same rows.
 */
final class OutputJobs {
    /** How long the end of a job waits for its workers to unmap the draft (a stuck worker must not hang it). */
    private static final long UNMAP_WAIT_MS = 30_000;
    /** The end waits for workers' answers, so it runs off the scheduler's thread, which delivers them. */
    private static final Executor END = r -> {
        Thread t = new Thread(r, "shmkit-output-end");
        t.setDaemon(true);
        t.start();
    };

    private OutputJobs() {
    }

    /** Starts a map from {@code table} (null for an {@link OutputTask}) into {@code out}. */
    static JobFuture<JobResult<SegmentId>> submit(WorkerPool pool, SharedTable table, OutputTable out, Object task,
                                                 JobOptions options) {
        if (out.isSealed() || out.isAborted()) {
            throw new ShmkitException("pool.map into output '" + out.name() + "': it is " + (out.isSealed()
                    ? "sealed as " + out.sealedId() : "aborted") + "; create a new one with space.createTable(\"" + out.name()
                    + "\", schema, rows)");
        }
        if (options.isCopyTable()) {
            throw new ShmkitException("pool.map into output '" + out.name() + "': copy mode (JobOptions.copyTable) is not"
                    + " supported for output maps; the input is read shared (drop copyTable())");
        }
        ChunkRunner runner;
        if (table != null) {
            SegmentId id = TableJobs.versionOf(table, null);
            if (table.rowCount() != out.rowCount()) {
                throw new ShmkitException("pool.map: table " + id + " rows=" + table.rowCount() + " != output '" + out.name()
                        + "' rows=" + out.rowCount() + "; create the output with the table's row count"
                        + " (space.createTable(\"" + out.name() + "\", schema, table.rowCount()))");
            }
            runner = new OutputRunner((OutputRowTask) task, id, out.layout());
        } else {
            runner = new OutputRunner((OutputTask) task, out.layout());
        }
        List<RowRange> ranges = Chunking.rowRanges(out.rowCount(), options, pool.size());
        List<Object> inputs = new ArrayList<>(ranges);
        List<String> labels = ranges.stream().map(r -> r + " of " + out.name()).toList();
        JobFuture<JobResult<Object>> job = pool.run(task, runner, options, inputs, labels, results -> List.of());
        CompletableFuture<JobResult<SegmentId>> done = job.asCompletable()
                .handleAsync((r, e) -> end(pool, out, r, e), END);
        return new JobFuture<>(done, () -> job.cancel(true));
    }

    /** Unmaps the draft in every worker, then seals (success) or aborts (failure, cancel). */
    private static JobResult<SegmentId> end(WorkerPool pool, OutputTable out, JobResult<Object> r, Throwable e) {
        try {
            pool.broadcast(SegmentEvictions.KIND, SegmentEvictions.encode(out.id())).get(UNMAP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception unmapFailed) {
            // a worker that died or is stuck: its mapping goes with it (or at the next eviction); the output's fate does not change
        }
        if (e == null) {
            return new JobResult<>(List.of(out.seal()), r.report());
        }
        out.abort();
        throw e instanceof CompletionException c ? c : new CompletionException(e);
    }
}
