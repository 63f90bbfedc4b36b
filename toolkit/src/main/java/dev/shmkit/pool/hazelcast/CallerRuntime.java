package dev.shmkit.pool.hazelcast;

import dev.shmkit.ship.ClassServer;

/**
 * What a caller's Hazelcast instance serves to members: the classes of its jobs' sessions (set when the pool's
 * backend is made), and the output drafts that members' rows come back into.
 */
final class CallerRuntime {
    private volatile ClassServer classes;
    private final OutputReturns outputs = new OutputReturns();

    private volatile ResultReturns results;

    /** Where big task results from members are written (set when the pool's backend is made). */
    ResultReturns results() {
        ResultReturns r = results;
        if (r == null) {
            throw new ClusterException("caller has no pool yet: no result to receive");
        }
        return r;
    }

    void results(ResultReturns r) {
        this.results = r;
    }

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
