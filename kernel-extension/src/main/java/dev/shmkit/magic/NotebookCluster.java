package dev.shmkit.magic;

import dev.shmkit.pool.hazelcast.ClusterOptions;
import dev.shmkit.pool.hazelcast.ClusterPool;

/**
 * The notebook's cluster connection, when {@code %workers --cluster HOST:PORT,...} runs the notebook's
 * pool on shmkit members: {@code NotebookCluster.current().lastJob()} shows what each member ran and
 * what was shipped to it. Kept apart from {@link NotebookPool} so a notebook that never asks for a
 * cluster never loads Hazelcast.
 */
public final class NotebookCluster {
    private static volatile ClusterPool current;

    private NotebookCluster() {
    }

    /**
     * Joins the members at {@code addresses} (waiting for all of them) and makes a pool over their task slots
     * ({@code slots <= 0}: all of them) the notebook's pool, closing the previous one.
     */
    static synchronized void use(String addresses, int slots) {
        ClusterOptions o = ClusterOptions.join(addresses);
        o = o.awaitMembers(o.members().size()).workers(Math.max(0, slots));
        ClusterPool c = ClusterPool.connect(o);
        NotebookPool.replace(c.pool(), () -> {
            synchronized (NotebookCluster.class) {
                if (current == c) {
                    current = null;
                }
            }
            c.close();
        });
        current = c;
    }

    /** The notebook's cluster pool, or null when the notebook's pool is local. */
    public static ClusterPool current() {
        return current;
    }
}
