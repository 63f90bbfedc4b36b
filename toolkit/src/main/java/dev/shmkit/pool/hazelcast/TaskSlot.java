package dev.shmkit.pool.hazelcast;

import com.hazelcast.cluster.Member;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A pool worker of the cluster backend: the member it runs on now, its tasks sent and not answered, the last job it ran. */
final class TaskSlot {
    final int id;
    volatile Member member;
    final AtomicInteger inFlight = new AtomicInteger();
    /** Tasks sent and not answered. */
    final Set<Long> unanswered = ConcurrentHashMap.newKeySet();
    volatile long lastJob = -1;

    TaskSlot(int id, Member member) {
        this.id = id;
        this.member = member;
    }

    boolean on(Member m) {
        Member mine = member;
        return mine != null && mine.getUuid().equals(m.getUuid());
    }
}
