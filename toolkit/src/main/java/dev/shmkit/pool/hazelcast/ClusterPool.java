package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.shmkit.pool.BackendFactory;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WorkerPool} whose workers are task slots on a Hazelcast cluster of shmkit members
 * ({@code ./shmkit member}): the same {@code map}, {@code mapItems}, {@code submit}, options, reports
 * and progress as the local pool. This process joins as a lite member (it holds no data); a table a job
 * reads is shipped to each member once per version, where tasks map the member's own copy.
 *
 * <pre>{@code
 * try (ClusterPool cluster = ClusterPool.connect(ClusterOptions.join("127.0.0.1:5701,127.0.0.1:5702").awaitMembers(2))) {
 *     double sum = cluster.pool().map(space.table("big"), (view, rows) -> view.doubleColumn("x").sum(rows))
 *             .reduce(0.0, Double::sum);
 *     System.out.println(cluster.lastJob());  // tasks and bytes shipped per member
 * }
 * }</pre>
 *
 * Closing leaves the cluster (members drop this caller's segments) and stops the pool; the members keep running.
 */
public final class ClusterPool implements AutoCloseable {
    /** How often joining checks for the awaited members. */
    private static final long POLL_MS = 50;

    private final HazelcastInstance hz;
    private final ClusterStats stats;
    private final WorkerPool pool;
    private volatile boolean closed;

    private ClusterPool(HazelcastInstance hz, ClusterStats stats, WorkerPool pool) {
        this.hz = hz;
        this.stats = stats;
        this.pool = pool;
    }

    /** Joins the cluster, waits for {@link ClusterOptions#awaitMembers} members and starts a pool over their slots. */
    public static ClusterPool connect(ClusterOptions o) {
        Config config = HazelcastConfigs.caller(o);
        HazelcastConfigs.warnIfOpen(o.bind(), config.getNetworkConfig().getPort(), System.err);
        CallerRuntime runtime = new CallerRuntime();
        config.getUserContext().put(HazelcastConfigs.RUNTIME, runtime);
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new ClusterException("cluster: joining members=" + o.members() + " as " + o.bind() + ":"
                    + config.getNetworkConfig().getPort() + " failed: " + e + " (are members running? ./shmkit member --port P)", e);
        }
        try {
            int slots = awaitMembers(hz, o);
            ClusterStats stats = new ClusterStats();
            BackendFactory factory = (options, classes) -> {
                runtime.classes(classes);
                return new HazelcastBackend(hz, stats);
            };
            WorkerPool pool = WorkerPool.start(PoolOptions.defaults().workers(o.workers() > 0 ? o.workers() : slots).backend(factory));
            return new ClusterPool(hz, stats, pool);
        } catch (RuntimeException | Error e) {
            hz.getLifecycleService().terminate();
            throw e;
        }
    }

    private static int awaitMembers(HazelcastInstance hz, ClusterOptions o) {
        long end = System.nanoTime() + o.timeout().toNanos();
        while (true) {
            List<Member> data = new ArrayList<>();
            hz.getCluster().getMembers().forEach(m -> {
                if (!m.isLiteMember()) {
                    data.add(m);
                }
            });
            if (data.size() >= o.awaitMembers()) {
                return data.stream().mapToInt(MemberInfo::capacity).sum();
            }
            if (System.nanoTime() > end) {
                throw new ClusterException("cluster: members=" + data.size() + " < awaitMembers=" + o.awaitMembers()
                        + " after " + o.timeout().toSeconds() + " s (joined " + o.members() + ", cluster name='"
                        + o.clusterName() + "'); start them with ./shmkit member --port P [--join HOST:PORT]");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("cluster: interrupted while waiting for members");
            }
        }
    }

    /** The pool: {@code map}, {@code mapItems}, {@code submit} as on a local pool. */
    public WorkerPool pool() {
        return pool;
    }

    /** Per member, over the pool's life: tasks, bytes shipped (once per member per version), bytes mapped, who left. */
    public ClusterReport report() {
        return stats.pool();
    }

    /** The same for the latest job. */
    public ClusterReport lastJob() {
        return stats.lastJob();
    }

    /** HOST:PORT of the data members now. */
    public List<String> members() {
        List<String> out = new ArrayList<>();
        hz.getCluster().getMembers().forEach(m -> {
            if (!m.isLiteMember()) {
                out.add(MemberInfo.address(m));
            }
        });
        return out;
    }

    /** Tells every member to exit (a notebook that started its own members stops them this way). Returns their pids. */
    public List<Long> stopMembers() {
        List<Long> pids = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                try {
                    pids.add(hz.getExecutorService(HazelcastConfigs.CONTROL).submitToMember(new Calls.StopMember(), m)
                            .get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    pids.add(MemberInfo.pid(m));  // it may have exited before answering
                }
            }
        }
        return pids;
    }

    /** Stops the pool and leaves the cluster; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pool.close();
        } finally {
            hz.getLifecycleService().shutdown();
        }
    }

    @Override
    public String toString() {
        return "ClusterPool" + members() + " " + pool;
    }
}
