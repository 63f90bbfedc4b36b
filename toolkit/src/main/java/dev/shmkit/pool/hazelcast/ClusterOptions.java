package dev.shmkit.pool.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the caller joins a cluster of shmkit members: {@code ClusterOptions.join("127.0.0.1:5701")}. Immutable.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>members</td><td>none (required)</td><td>HOST:PORT of members to join (TCP-IP join, multicast off)</td></tr>
 * <tr><td>clusterName</td><td>{@value #DEFAULT_CLUSTER_NAME}</td><td>Hazelcast cluster name members were started with</td></tr>
 * <tr><td>bind</td><td>127.0.0.1</td><td>the caller's own address (another one opens the cluster to that network)</td></tr>
 * <tr><td>port</td><td>a free port</td><td>the caller's own Hazelcast port (it joins as a lite member)</td></tr>
 * <tr><td>awaitMembers</td><td>1</td><td>data members to wait for before the pool starts</td></tr>
 * <tr><td>workers</td><td>the members' slots</td><td>task slots of the pool (0 = the sum of the members' {@code --workers})</td></tr>
 * <tr><td>timeout</td><td>60 s</td><td>how long joining and waiting for members may take</td></tr>
 * </table>
 */
public final class ClusterOptions {
    /** Members and callers must agree on it; a distinct name keeps shmkit off other Hazelcast clusters on the network. */
    public static final String DEFAULT_CLUSTER_NAME = "shmkit";
    /** Loopback: nothing outside this machine can reach the cluster unless the user says so. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Joining a loopback cluster takes 1-2 s; a busy shared machine needs far more headroom. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> members;
    private final String clusterName;
    private final String bind;
    private final int port;
    private final int awaitMembers;
    private final int workers;
    private final Duration timeout;

    private ClusterOptions(List<String> members, String clusterName, String bind, int port, int awaitMembers, int workers,
                           Duration timeout) {
        this.members = List.copyOf(members);
        this.clusterName = clusterName;
        this.bind = bind;
        this.port = port;
        this.awaitMembers = awaitMembers;
        this.workers = workers;
        this.timeout = timeout;
    }

    /** Joins the members at {@code addresses} ("HOST:PORT", comma-separated or one per argument). */
    public static ClusterOptions join(String... addresses) {
        List<String> m = new ArrayList<>();
        for (String a : addresses) {
            for (String s : a.split(",")) {
                if (!s.isBlank()) {
                    m.add(checkAddress(s.trim()));
                }
            }
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("cluster: no member address given; expected HOST:PORT[,HOST:PORT...],"
                    + " e.g. 127.0.0.1:5701 (start members with ./shmkit member --port 5701)");
        }
        return new ClusterOptions(m, DEFAULT_CLUSTER_NAME, LOOPBACK, 0, 1, 0, DEFAULT_TIMEOUT);
    }

    static String checkAddress(String a) {
        int colon = a.lastIndexOf(':');
        try {
            if (colon > 0 && Integer.parseInt(a.substring(colon + 1)) > 0) {
                return a;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("cluster: member address='" + a + "' is not HOST:PORT (e.g. 127.0.0.1:5701)");
    }

    /** The Hazelcast cluster name (members' {@code --cluster NAME}). */
    public ClusterOptions clusterName(String name) {
        return new ClusterOptions(members, name, bind, port, awaitMembers, workers, timeout);
    }

    /** The address the caller binds (127.0.0.1 by default; see README on a non-loopback cluster). */
    public ClusterOptions bind(String address) {
        return new ClusterOptions(members, clusterName, address, port, awaitMembers, workers, timeout);
    }

    /** The caller's own Hazelcast port (0: a free one). */
    public ClusterOptions port(int p) {
        return new ClusterOptions(members, clusterName, bind, p, awaitMembers, workers, timeout);
    }

    /** Data members to wait for before the pool starts. */
    public ClusterOptions awaitMembers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("awaitMembers=" + n + " < 1");
        }
        return new ClusterOptions(members, clusterName, bind, port, n, workers, timeout);
    }

    /** Task slots of the pool; 0 for the sum of the members' slots when the pool starts. */
    public ClusterOptions workers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("workers=" + n + " < 0");
        }
        return new ClusterOptions(members, clusterName, bind, port, awaitMembers, n, timeout);
    }

    /** How long joining and waiting for members may take. */
    public ClusterOptions timeout(Duration t) {
        return new ClusterOptions(members, clusterName, bind, port, awaitMembers, workers, t);
    }

    public List<String> members() {
        return members;
    }

    public String clusterName() {
        return clusterName;
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    public int awaitMembers() {
        return awaitMembers;
    }

    public int workers() {
        return workers;
    }

    public Duration timeout() {
        return timeout;
    }
}
