package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.OutputLayout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller's per-job set-up on members: before a member runs a job's first task, the table the job
 * reads is shipped to it (once per version, {@link SegmentShipper}), the output draft it writes is opened
 * for the rows coming back ({@link OutputReturns}), and the job's envelope is set up there. Every task of
 * the job on that member waits for the same future.
 */
final class JobSetUps {
    /** Roughly how many recent jobs keep their set-up state here (older ones are long finished). */
    private static final int JOBS_KEPT = 64;

    private final String self;
    private final IExecutorService control;
    private final SegmentShipper shipper;
    private final OutputReturns returns;
    private final JobCodec codec;
    /** Per member and job: the ship and set-up every task of the job on that member waits for. */
    private final Map<String, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();
    /** Per job: the table it reads (or none), read once from its runner. */
    private final Map<Long, Optional<SegmentId>> tables = new ConcurrentHashMap<>();
    /** Per job: the output table it writes (or none). */
    private final Map<Long, Optional<OutputLayout>> outputs = new ConcurrentHashMap<>();

    JobSetUps(String self, IExecutorService control, SegmentShipper shipper, OutputReturns returns, JobCodec codec) {
        this.self = self;
        this.control = control;
        this.shipper = shipper;
        this.returns = returns;
        this.codec = codec;
    }

    /** Completes when {@code m} is ready to run tasks of {@code job} (starting the set-up if it is the first task there). */
    CompletableFuture<Void> ready(Member m, JobSpec job) {
        return ready.computeIfAbsent(m.getUuid() + "|" + job.id(), k -> prepare(m, job));
    }

    private CompletableFuture<Void> prepare(Member m, JobSpec job) {
        Optional<SegmentId> table = tables.computeIfAbsent(job.id(), id -> codec.tableOf(job));
        try {
            outputs.computeIfAbsent(job.id(), id -> codec.outputOf(job)).ifPresent(returns::open);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> shipped = table.isPresent()
                ? shipper.ensure(m, table.get(), job.id()) : CompletableFuture.completedFuture(null);
        return shipped.thenCompose(v -> Remote.call(control,
                new Calls.SetUpJob(self, job.id(), job.session(), job.runner(), job.statics(), job.classes(),
                        job.options().resultSegmentThreshold()), m)
                .thenApply(ok -> null));
    }

    /** The job that writes output {@code draft}, or {@code otherwise}. */
    long jobWriting(SegmentId draft, long otherwise) {
        return outputs.entrySet().stream().filter(e -> e.getValue().map(o -> o.draft().equals(draft)).orElse(false))
                .mapToLong(Map.Entry::getKey).findFirst().orElse(otherwise);
    }

    /** A member left: its set-ups are gone with it. */
    void forget(Member m) {
        ready.keySet().removeIf(k -> k.startsWith(m.getUuid() + "|"));
    }

    /** Drops the state of jobs long done (the ids grow; a job's tasks never outlive many newer jobs). */
    void forgetOlderThan(long newest) {
        long horizon = newest - JOBS_KEPT * 1000L;  // ids count tasks too: a job id is followed by its task ids
        tables.keySet().removeIf(id -> id < horizon);
        outputs.keySet().removeIf(id -> id < horizon);
        ready.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('|') + 1)) < horizon);
    }
}
