package dev.shmkit.pool.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster's Hazelcast configuration: one interface, TCP-IP join only, the slots, and the warning on an open bind. */
class HazelcastConfigsTest {
    @Test
    void shouldBindAMemberToOneInterfaceWithTcpIpJoinOnly() {
        Config c = HazelcastConfigs.member("lab", "127.0.0.1", 5999, List.of("127.0.0.1:5998"), 3);
        assertEquals("lab", c.getClusterName());
        assertTrue(c.getNetworkConfig().getInterfaces().isEnabled());
        assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        assertEquals(5999, c.getNetworkConfig().getPort());
        assertFalse(c.getNetworkConfig().isPortAutoIncrement());
        JoinConfig j = c.getNetworkConfig().getJoin();
        assertFalse(j.getMulticastConfig().isEnabled());
        assertFalse(j.getAutoDetectionConfig().isEnabled());
        assertTrue(j.getTcpIpConfig().isEnabled());
        assertEquals(List.of("127.0.0.1:5998"), j.getTcpIpConfig().getMembers());
        assertEquals(3, c.getExecutorConfig(HazelcastConfigs.TASKS).getPoolSize());
        assertEquals("3", c.getMemberAttributeConfig().getAttribute(HazelcastConfigs.SLOTS));
        assertFalse(c.isLiteMember());
    }

    @Test
    void shouldJoinAsALiteMemberOnLoopbackByDefault() {
        Config c = HazelcastConfigs.caller(ClusterOptions.join("127.0.0.1:5701, 127.0.0.1:5702"));
        assertTrue(c.isLiteMember());
        assertEquals(ClusterOptions.DEFAULT_CLUSTER_NAME, c.getClusterName());
        assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702"), c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertTrue(c.getNetworkConfig().getPort() > 0, "a free port was picked");
    }

    @Test
    void shouldWarnAboutTheMissingAuthenticationOnlyOffLoopback() {
        assertEquals("", warning("127.0.0.1"));
        String w = warning("10.1.2.3");
        assertTrue(w.contains("10.1.2.3:5701") && w.contains("no authentication") && w.contains("private network")
                && w.contains("firewall"), w);
    }

    @Test
    void shouldRefuseAnAddressThatIsNotHostColonPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterOptions.join("127.0.0.1"));
        assertTrue(e.getMessage().contains("address='127.0.0.1' is not HOST:PORT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterOptions.join(" , "));
    }

    private static String warning(String bind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HazelcastConfigs.warnIfOpen(bind, 5701, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
