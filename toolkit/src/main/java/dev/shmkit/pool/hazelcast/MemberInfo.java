package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;

/** What a caller reads of a member: its address, its process id and its task slots (member attributes). */
final class MemberInfo {
    private MemberInfo() {
    }

    /** HOST:PORT. */
    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** The member's process id, or -1 if it did not say. */
    static long pid(Member m) {
        String p = m.getAttribute(HazelcastConfigs.PID);
        return p == null ? -1 : Long.parseLong(p);
    }

    /** The member's task slots ({@code --workers}). */
    static int capacity(Member m) {
        String s = m.getAttribute(HazelcastConfigs.SLOTS);
        return s == null ? 1 : Integer.parseInt(s);
    }
}
