package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.config.Config;
import dev.shmkit.pool.local.WorkerWarmUp;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.segment.SegmentCache;
import dev.shmkit.space.SpaceOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster member: a Hazelcast data member that runs shmkit tasks in {@code workers} threads, with
 * its own local space directory ({@code <space base>/members/m<pid>-<port>}, 0700) that holds its
 * callers' segments. A caller that leaves (or dies) has its segments dropped; closing the member
 * leaves the cluster and removes the directory. {@code ./shmkit member} runs one until SIGTERM.
 */
public final class ClusterMember implements AutoCloseable {
    /** The start of the line a member prints when it is ready (launchers and tests wait for it). */
    public static final String READY = "shmkit member: ready at ";
    private final HazelcastInstance hz;
    private final Path dir;
    private final int port;
    private final int workers;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    private ClusterMember(HazelcastInstance hz, Path dir, int port, int workers) {
        this.hz = hz;
        this.dir = dir;
        this.port = port;
        this.workers = workers;
    }

    /**
     * Starts a member bound to {@code bind}:{@code port} (0: a free port) that joins {@code join} (empty:
     * it starts a cluster), with {@code workers} task slots, under {@code base} (null: the space base directory).
     */
    public static ClusterMember start(String clusterName, String bind, int port, List<String> join, int workers, Path base) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers=" + workers + " < 1");
        }
        join.forEach(ClusterOptions::checkAddress);
        int p = port == 0 ? HazelcastConfigs.freePort(bind) : port;
        Path root = base != null ? base : SpaceOptions.baseDirectory();
        PrivatePaths.directory(root, "space base directory");
        Path members = PrivatePaths.directory(root.resolve("members"), "members directory");
        Path dir = PrivatePaths.directory(members.resolve("m" + ProcessHandle.current().pid() + "-" + p), "member space directory");
        try {
            // as a local worker does before its hello: Kryo, Chronicle's first mapping, the JIT of the task paths
            WorkerWarmUp.run(dir);
        } catch (Exception e) {
            MemberSegments.deleteTree(dir);
            throw new ClusterException("member: warm-up in " + dir + " failed: " + e, e);
        }
        MemberRuntime runtime = new MemberRuntime(new MemberSegments(dir));
        HazelcastConfigs.warnIfOpen(bind, p, System.err);
        Config c = HazelcastConfigs.member(clusterName, bind, p, join.isEmpty() ? List.of(bind + ":" + p) : join, workers);
        c.getUserContext().put(HazelcastConfigs.RUNTIME, runtime);
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(c);
        } catch (RuntimeException e) {
            MemberSegments.deleteTree(dir);
            throw new ClusterException("member: starting Hazelcast on " + bind + ":" + p + " failed: " + e
                    + " (port taken? pick another with --port)", e);
        }
        runtime.instance(hz);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                // a new member or caller: nothing to do until it sends work
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                if (e.getMember().isLiteMember()) {
                    runtime.dropCaller(e.getMember().getUuid().toString());
                }
            }
        });
        return new ClusterMember(hz, dir, p, workers);
    }

    /**
     * Runs a loopback member until SIGTERM or a caller's stop: {@code PORT WORKERS [JOIN]} ({@link LocalMembers}
     * starts members this way; {@code ./shmkit member} has the full options).
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ClusterMember PORT WORKERS [HOST:PORT,...]  (or ./shmkit member --help)");
            System.exit(2);
        }
        List<String> join = args.length == 3 ? ClusterOptions.join(args[2]).members() : List.of();
        run(ClusterOptions.DEFAULT_CLUSTER_NAME, ClusterOptions.LOOPBACK, Integer.parseInt(args[0]), join,
                Integer.parseInt(args[1]), null);
    }

    /** Starts a member, prints the {@link #READY} line, and blocks until it is closed (SIGTERM included). */
    public static void run(String clusterName, String bind, int port, List<String> join, int workers, Path base)
            throws InterruptedException {
        ClusterMember m = start(clusterName, bind, port, join, workers, base);
        Runtime.getRuntime().addShutdownHook(new Thread(m::close, "shmkit-member-exit"));
        System.out.println(READY + bind + ":" + m.port() + " pid=" + ProcessHandle.current().pid() + " workers=" + workers
                + " dir=" + m.directory() + " cluster=" + m.members());
        System.out.flush();
        m.awaitClose();
    }

    /** The member's local space directory. */
    public Path directory() {
        return dir;
    }

    /** The member's Hazelcast port. */
    public int port() {
        return port;
    }

    /** Task slots. */
    public int workers() {
        return workers;
    }

    /** The cluster's members as Hazelcast lists them (addresses; lite members are callers). */
    public String members() {
        return hz.getCluster().getMembers().toString();
    }

    /** Blocks until {@link #close} (SIGTERM through the shutdown hook, or a caller's stop). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Leaves the cluster, unmaps everything, removes the directory; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            hz.getLifecycleService().terminate();
        } finally {
            SegmentCache.process().clear();
            MemberSegments.deleteTree(dir);
            closed.countDown();
        }
    }
}
