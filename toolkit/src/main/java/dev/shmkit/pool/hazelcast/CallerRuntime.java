package dev.shmkit.pool.hazelcast;

import dev.shmkit.ship.ClassServer;

/**
 * What a caller's Hazelcast instance serves to members: the classes of its jobs' sessions (set when the pool's
 * backend is made), and the output drafts that members' rows come back into.
 */
final class CallerRuntime {
    private volatile ClassServer classes;
    private final OutputReturns outputs = new OutputReturns();

    /** Output drafts receiving rows from members. */
    OutputReturns outputs() {
        return outputs;
    }

    void classes(ClassServer c) {
        this.classes = c;
    }

    ClassServer classes() {
        ClassServer c = classes;
        if (c == null) {
            throw new ClusterException("caller has no pool yet: no class to serve");
        }
        return c;
    }
}
