package dev.shmkit.pool.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The Hazelcast configuration of members and callers, in one place: TCP-IP join to listed addresses
 * (multicast and auto-detection off), bound to one interface (loopback by default), quick failure
 * detection, no phone-home, quiet logging. Hazelcast's open-source edition has no authentication:
 * a non-loopback bind prints what that means ({@link #warnIfOpen}).
 */
final class HazelcastConfigs {
    /** Executor that runs tasks on a member; its pool size is the member's task slots. */
    static final String TASKS = "shmkit-tasks";
    /** Executor for set-up, segment chunks and control messages: they must not queue behind long tasks. */
    static final String CONTROL = "shmkit-control";
    /** Threads of {@link #CONTROL}: a ship and a cancel can run while another caller ships. */
    static final int CONTROL_THREADS = 4;
    /** User-context key of a member's {@link MemberRuntime} or a caller's {@link CallerRuntime}. */
    static final String RUNTIME = "shmkit.runtime";
    /** Member attributes the caller reads: process id and task slots. */
    static final String PID = "shmkit.pid";
    static final String SLOTS = "shmkit.slots";
    /** A dead member is suspected after this many seconds without heartbeat (Hazelcast's default, 60 s, stalls a job). */
    private static final String NO_HEARTBEAT_SECONDS = "10";
    /** Hazelcast's logging switch (a system property: its factory logs before it reads a config). */
    private static final String LOGGING = "hazelcast.logging.type";
    /** Hazelcast waits 5 s by default before joining; a loopback cluster needs no wait. */
    private static final String WAIT_BEFORE_JOIN_SECONDS = "1";
    /** shmkit keeps no data in Hazelcast: few partitions start faster. */
    private static final String PARTITIONS = "7";

    private HazelcastConfigs() {
    }

    /** A data member that runs tasks in {@code slots} threads. */
    static Config member(String clusterName, String bind, int port, List<String> join, int slots) {
        Config c = base(clusterName, bind, port, join);
        c.getExecutorConfig(TASKS).setPoolSize(slots);
        c.getMemberAttributeConfig().setAttribute(PID, Long.toString(ProcessHandle.current().pid()));
        c.getMemberAttributeConfig().setAttribute(SLOTS, Integer.toString(slots));
        return c;
    }

    /** The caller: a lite member (holds no data, runs only class requests from members). */
    static Config caller(ClusterOptions o) {
        int port = o.port() == 0 ? freePort(o.bind()) : o.port();
        Config c = base(o.clusterName(), o.bind(), port, o.members());
        c.setLiteMember(true);
        return c;
    }

    private static Config base(String clusterName, String bind, int port, List<String> join) {
        if (System.getProperty(LOGGING) == null) {
            // Hazelcast's instance factory logs (a module-access warning, INFO chatter) before it reads the config's
            // property; shmkit reports its own errors. -Dhazelcast.logging.type=jdk shows Hazelcast's log.
            System.setProperty(LOGGING, "none");
        }
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setInstanceName("shmkit-" + ProcessHandle.current().pid() + "-" + port);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", NO_HEARTBEAT_SECONDS);
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.wait.seconds.before.join", WAIT_BEFORE_JOIN_SECONDS);
        c.setProperty("hazelcast.partition.count", PARTITIONS);
        c.getExecutorConfig(CONTROL).setPoolSize(CONTROL_THREADS);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
        n.setPublicAddress(bind + ":" + port);
        n.getInterfaces().setEnabled(true).addInterface(bind);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(join);
        return c;
    }

    /** A port free on {@code bind} now (another process could take it before Hazelcast binds: rare, and then reported). */
    static int freePort(String bind) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("cluster: no free port on bind=" + bind + ": " + e + " (is the address one of this"
                    + " machine's?)", e);
        }
    }

    /** Whether {@code bind} is a loopback address. */
    static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** Prints, for a non-loopback bind, that anyone who reaches the port can run code here, and what to do. */
    static void warnIfOpen(String bind, int port, PrintStream out) {
        if (!loopback(bind)) {
            out.println("shmkit: WARNING: the cluster listens on " + bind + ":" + port + ". Hazelcast's open-source edition"
                    + " has no authentication: anyone who can reach this port can join the cluster and run code in this"
                    + " process. Run members only on a private network, firewall the port to the cluster's machines,"
                    + " and give the cluster a name of its own (--cluster NAME).");
        }
    }
}
