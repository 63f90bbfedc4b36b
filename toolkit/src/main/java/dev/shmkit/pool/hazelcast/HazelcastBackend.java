package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.shmkit.job.TableCopy;
import dev.shmkit.pool.Backend;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.pool.SegmentEvictions;
import dev.shmkit.pool.TaskSpec;
import dev.shmkit.pool.TaskStats;
import dev.shmkit.segment.SegmentEvents;
import dev.shmkit.segment.SegmentId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster backend: the pool's workers are task slots on Hazelcast members, spread evenly over
 * the members (a slot moves to a member with fewer slots between jobs, so a member that joins gets
 * work from the next job). Before a member runs a job's first task, the table it reads is shipped to it
 * once per version ({@link SegmentShipper}) and the job's envelope (runner, JShell variables, class
 * bytes, as the local pool's) is set up there. A member that leaves takes its slots with it: each
 * is reported dead, so the scheduler retries their tasks on the other slots and starts replacements,
 * which go to the members left.
 */
final class HazelcastBackend implements Backend {
    /** The pool's evict broadcast: this backend forwards segment events itself (it knows each member's copy). */
    private static final String EVICT_KIND = "segment.evict";

    private final HazelcastInstance hz;
    private final String self;
    private final IExecutorService tasks;
    private final IExecutorService control;
    private final ClusterStats stats;
    private final SegmentShipper shipper;
    private final Map<Integer, TaskSlot> slots = new ConcurrentHashMap<>();
    /** Ships, output drafts and envelopes of the jobs, per member. */
    private final JobSetUps setUps;
    private final OutputReturns returns;
    private final ResultReturns results;
    private final JobCodec codec = new JobCodec();
    private final AtomicInteger nextId = new AtomicInteger();
    private final ExecutorService async = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shmkit-cluster");
        t.setDaemon(true);
        return t;
    });
    private final SegmentEvents.Listener events;
    private final UUID membership;
    private volatile Sink sink;
    private volatile long currentJob = -1;
    private volatile boolean closed;

    HazelcastBackend(HazelcastInstance hz, ClusterStats stats) {
        this.hz = hz;
        this.self = hz.getCluster().getLocalMember().getUuid().toString();
        this.tasks = hz.getExecutorService(HazelcastConfigs.TASKS);
        this.control = hz.getExecutorService(HazelcastConfigs.CONTROL);
        this.stats = stats;
        this.shipper = new SegmentShipper(self, control, stats, async);
        this.returns = ((CallerRuntime) hz.getUserContext().get(HazelcastConfigs.RUNTIME)).outputs();
        this.setUps = new JobSetUps(self, control, shipper, returns, codec);
        this.results = ResultReturns.create();
        ((CallerRuntime) hz.getUserContext().get(HazelcastConfigs.RUNTIME)).results(results);
        for (Member m : dataMembers()) {
            stats.joined(MemberInfo.address(m), MemberInfo.pid(m));
        }
        this.membership = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                if (!e.getMember().isLiteMember()) {
                    stats.joined(MemberInfo.address(e.getMember()), MemberInfo.pid(e.getMember()));
                    Member m = e.getMember();
                    stats.note("member " + MemberInfo.address(m) + " (pid " + MemberInfo.pid(m) + ") joined; it gets task"
                            + " slots from the next job");
                    placeUnplaced();
                }
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                if (!e.getMember().isLiteMember()) {
                    memberLeft(e.getMember(), "it left or its process died (Hazelcast removed it from the cluster)");
                }
            }
        });
        this.events = SegmentEvents.addListener(new SegmentEvents.Listener() {
            @Override
            public void superseded(SegmentId old) {
                drop(old, false);
            }

            @Override
            public void removed(SegmentId id) {
                drop(id, true);
            }
        });
    }

    private List<Member> dataMembers() {
        List<Member> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void start(Sink s) {
        this.sink = s;
    }

    /** The live member with the fewest slots per task thread, or null when there is none. */
    private Member leastLoaded(Member except) {
        Member best = null;
        double bestLoad = Double.MAX_VALUE;
        for (Member m : dataMembers()) {
            long n = slots.values().stream().filter(s -> s.on(m)).count();
            if (except != null && m.getUuid().equals(except.getUuid())) {
                n--;  // the slot that asks is one of them
            }
            double load = (double) n / MemberInfo.capacity(m);
            if (load < bestLoad) {
                best = m;
                bestLoad = load;
            }
        }
        return best;
    }

    /** Places the slots under this backend's lock, but tells the scheduler outside it (its lock is taken first elsewhere). */
    @Override
    public List<Integer> spawn(int n) {
        List<TaskSlot> made = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new ClusterException("cluster pool is closed: no task slot started");
            }
            for (int i = 0; i < n; i++) {
                TaskSlot s = new TaskSlot(nextId.incrementAndGet(), leastLoaded(null));
                slots.put(s.id, s);
                made.add(s);
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (TaskSlot s : made) {
            sink.spawned(s.id, s.member == null ? -1 : MemberInfo.pid(s.member));
            ids.add(s.id);
            if (s.member != null) {
                async.execute(() -> sink.connected(s.id));
            }
        }
        return ids;
    }

    /** Slots started while no member was there: placed on the member that just joined. */
    private synchronized void placeUnplaced() {
        for (TaskSlot s : slots.values()) {
            if (s.member == null) {
                s.member = leastLoaded(null);
                if (s.member != null) {
                    async.execute(() -> sink.connected(s.id));
                }
            }
        }
    }

    private void memberLeft(Member m, String why) {
        List<Integer> gone = new ArrayList<>();
        for (TaskSlot s : slots.values()) {
            if (s.on(m) && slots.remove(s.id) != null) {
                gone.add(s.id);
            }
        }
        setUps.forget(m);
        shipper.forget(m);
        stats.left(MemberInfo.address(m), MemberInfo.pid(m), why, currentJob, gone.size());
        for (int id : gone) {
            sink.death(id, -1, "member " + MemberInfo.address(m) + " (pid " + MemberInfo.pid(m) + ") left the cluster: " + why);
        }
    }

    @Override
    public void retire(int worker) {
        if (slots.remove(worker) != null) {
            async.execute(() -> sink.death(worker, 0, "retired (pool resized down)"));
        }
    }

    @Override
    public void kill(int worker, String reason) {
        TaskSlot s = slots.remove(worker);
        if (s == null) {
            return;
        }
        if (s.member != null && !s.unanswered.isEmpty()) {
            // A member cannot kill one thread: the slot's tasks there are interrupted (or never start); the slot is replaced.
            control.submitToMember(new Calls.AbandonTasks(self, s.unanswered.stream().mapToLong(Long::longValue).toArray()),
                    s.member);
        }
        async.execute(() -> sink.death(worker, -1, reason));
    }

    @Override
    public List<Integer> live() {
        List<Integer> ids = new ArrayList<>();
        slots.values().forEach(s -> {
            if (s.member != null) {
                ids.add(s.id);
            }
        });
        ids.sort(null);
        return ids;
    }

    @Override
    public long pid(int worker) {
        TaskSlot s = slots.get(worker);
        return s == null || s.member == null ? -1 : MemberInfo.pid(s.member);
    }

    @Override
    public List<Shipped> submit(int worker, JobSpec job, List<TaskSpec> specs) {
        List<Shipped> out = new ArrayList<>(specs.size());
        TaskSlot s = slots.get(worker);
        if (s == null || s.member == null) {
            specs.forEach(t -> out.add(new Shipped(0, 0)));
            return out;  // the slot is gone: its death, reported, requeues these tasks
        }
        for (TaskSpec t : specs) {
            if (t.input() instanceof TableCopy) {
                throw new ClusterException("job '" + job.name() + "': copy mode (JobOptions.copyTable) is not available on"
                        + " a cluster pool: members read their own copy of the table; run it on a local pool");
            }
        }
        rebalance(s, job.id());
        Member m = s.member;
        if (currentJob != job.id()) {
            setUps.forgetOlderThan(job.id());
        }
        currentJob = job.id();
        stats.job(job.id());
        CompletableFuture<Void> setUp = setUps.ready(m, job);
        for (TaskSpec t : specs) {
            long t0 = System.nanoTime();
            byte[] input = codec.write(job.loader(), t.input());
            out.add(new Shipped(input.length, System.nanoTime() - t0));
            s.inFlight.incrementAndGet();
            s.unanswered.add(t.taskId());
            Calls.RunTask call = new Calls.RunTask(self, job.id(), t.taskId(), input);
            setUp.whenComplete((v, e) -> {
                if (e != null) {
                    answered(s, m, job, t, null, e);
                } else {
                    Remote.call(tasks, call, m).whenComplete((r, x) -> answered(s, m, job, t, r, x));
                }
            });
        }
        return out;
    }

    /** Between jobs, a slot with nothing in flight moves to a member with fewer slots (one that joined). */
    private synchronized void rebalance(TaskSlot s, long jobId) {
        if (s.lastJob == jobId) {
            return;
        }
        s.lastJob = jobId;
        if (s.inFlight.get() != 0) {
            return;
        }
        Member best = leastLoaded(s.member);
        if (best != null && s.member != null && !best.getUuid().equals(s.member.getUuid())) {
            Member current = s.member;
            double mine = slots.values().stream().filter(o -> o.on(current)).count() / (double) MemberInfo.capacity(current);
            double theirs = (slots.values().stream().filter(o -> o.on(best)).count() + 1) / (double) MemberInfo.capacity(best);
            if (theirs < mine) {
                s.member = best;
            }
        }
    }

    private void answered(TaskSlot s, Member m, JobSpec job, TaskSpec t, TaskOutcome r, Throwable e) {
        s.inFlight.decrementAndGet();
        s.unanswered.remove(t.taskId());
        if (slots.get(s.id) != s) {
            ResultReads.delete(results, r);  // nobody waits for this answer: its result file, if any, goes
            return;  // the slot died (its member left): the scheduler requeued the task
        }
        if (e != null) {
            if (!dataMembers().contains(m)) {
                memberLeft(m, "it stopped answering (" + e.getClass().getSimpleName() + ")");
                return;
            }
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            java.io.StringWriter w = new java.io.StringWriter();
            c.printStackTrace(new java.io.PrintWriter(w));
            sink.error(s.id, t.taskId(), c.getClass().getName(), "on member " + MemberInfo.address(m) + ": " + c.getMessage(), w.toString());
            return;
        }
        if (r.errorClass() != null) {
            sink.error(s.id, t.taskId(), r.errorClass(), r.message(), r.trace());
            return;
        }
        long t0 = System.nanoTime();
        Object value;
        try {
            value = r.segment() == null ? codec.read(job.loader(), r.result()) : ResultReads.segment(results, codec, job, r);
        } catch (RuntimeException | LinkageError x) {
            sink.error(s.id, t.taskId(), x.getClass().getName(), "reading the result of task (" + t.label() + ") from member "
                    + MemberInfo.address(m) + ": " + x.getMessage(), "");
            return;
        }
        long[] st = r.stats();
        stats.task(job.id(), MemberInfo.address(m), MemberInfo.pid(m), st[4]);
        sink.result(s.id, t.taskId(), value, new TaskStats(st[0], st[1], st[2], st[3] + System.nanoTime() - t0, st[4], st[5],
                r.result() == null ? 0 : r.result().length, r.segmentBytes(), 0, 0, 0));
    }

    @Override
    public void cancel(int worker, long jobId) {
        TaskSlot s = slots.get(worker);
        if (s != null && s.member != null) {
            control.submitToMember(new Calls.CancelJob(self, jobId), s.member);
        }
    }

    /** Tells every member to drop its copy of {@code id} (and older versions of the name). */
    private void drop(SegmentId id, boolean removed) {
        shipper.forget(id);
        for (Member m : dataMembers()) {
            control.submitToMember(new Calls.DropSegment(self, id, removed), m);
        }
    }

    @Override
    public CompletableFuture<Void> broadcast(String kind, byte[] payload) {
        if (EVICT_KIND.equals(kind)) {
            return endOutput(SegmentEvictions.decode(payload));  // other segments: forwarded by this backend's listener
        }
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (Member m : dataMembers()) {
            replies.add(Remote.call(control, new Calls.Broadcast(kind, payload), m));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * An output job ended (the pool unmaps its draft before sealing or aborting it): no more rows are
     * written here, the bytes that came back are booked, and every member removes its own draft.
     */
    private CompletableFuture<Void> endOutput(SegmentId draft) {
        long job = setUps.jobWriting(draft, currentJob);
        returns.close(draft).forEach((from, bytes) -> stats.returned(job, from.address(), from.pid(), bytes));
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        for (Member m : dataMembers()) {
            replies.add(Remote.call(control, new ReturnCalls.DropOutput(self, draft), m));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public void addClasspath(Path entry) {
        throw new ClusterException("cluster pool: addClasspath(" + entry + ") cannot reach other machines; put the jar on"
                + " each member's class path (SHMKIT_JAVA_OPTS or the member's -cp) and start the members again");
    }

    /** Leaves the cluster (members drop this caller's segments); the members keep running. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        SegmentEvents.removeListener(events);
        returns.closeAll();
        results.close();
        try {
            hz.getCluster().removeMembershipListener(membership);
        } catch (RuntimeException ignored) {
            // the instance is already down
        }
        async.shutdownNow();
    }
}
