package dev.shmkit.pool.hazelcast;

import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;

import java.util.List;

/**
 * What the cluster did, per member: tasks run, segment bytes shipped to it (once per version), bytes
 * its tasks read from its own mapped copy; and what happened (a member that left mid-job, whose tasks
 * ran elsewhere). For one job ({@link ClusterPool#lastJob()}) or the pool's whole life ({@link ClusterPool#report()}).
 *
 * @param scope   "job 3", "pool"
 * @param members one line per member that took part
 * @param notes   events, in order (a member left, a member joined)
 */
public record ClusterReport(String scope, List<Member> members, List<String> notes) {
    /**
     * One member's share.
     *
     * @param address      HOST:PORT
     * @param pid          the member's process id
     * @param tasks        tasks it ran
     * @param bytesShipped segment bytes sent to it
     * @param ships        segment versions sent to it
     * @param shipNanos    time spent sending them (read, send, the member's write and checksum, its answer)
     * @param bytesMapped  bytes its tasks read from its own copies
     * @param bytesReturned output-table bytes its tasks wrote that came back into the caller's draft
     * @param left         why it left, or null while it is a member
     */
    public record Member(String address, long pid, long tasks, long bytesShipped, long ships, long shipNanos, long bytesMapped,
                         long bytesReturned, String left) {
    }

    /** Sum of the members' tasks. */
    public long tasks() {
        return members.stream().mapToLong(Member::tasks).sum();
    }

    /** Sum of the segment bytes shipped. */
    public long bytesShipped() {
        return members.stream().mapToLong(Member::bytesShipped).sum();
    }

    /** Sum of the output bytes that came back from members into the caller's drafts. */
    public long bytesReturned() {
        return members.stream().mapToLong(Member::bytesReturned).sum();
    }

    /** Sum of the bytes mapped by tasks. */
    public long bytesMapped() {
        return members.stream().mapToLong(Member::bytesMapped).sum();
    }

    /** The member at {@code address}, or null. */
    public Member member(String address) {
        return members.stream().filter(m -> m.address().equals(address)).findFirst().orElse(null);
    }

    /** A plain-text table, one line per member, then the notes. */
    public String text() {
        StringBuilder b = new StringBuilder("cluster, " + scope + ": " + members.size() + " member"
                + (members.size() == 1 ? "" : "s") + ", " + tasks() + " tasks, shipped " + Bytes.human(bytesShipped())
                + " (segments, once per member per version), mapped " + Bytes.human(bytesMapped()) + " in place"
                + (bytesReturned() == 0 ? "" : ", returned " + Bytes.human(bytesReturned()) + " of output rows") + "\n");
        for (Member m : members) {
            b.append(String.format(java.util.Locale.ROOT, "  member %-21s pid %-7d tasks %5d  shipped %10s (%d version%s%s)"
                    + "  mapped %10s%s%s%n", m.address(), m.pid(), m.tasks(), Bytes.human(m.bytesShipped()), m.ships(),
                    m.ships() == 1 ? "" : "s", m.ships() == 0 ? "" : " in " + Units.duration(m.shipNanos()),
                    Bytes.human(m.bytesMapped()), m.bytesReturned() == 0 ? "" : "  returned " + Bytes.human(m.bytesReturned()),
                    m.left() == null ? "" : "  LEFT: " + m.left()));
        }
        notes.forEach(n -> b.append("  ").append(n).append('\n'));
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
