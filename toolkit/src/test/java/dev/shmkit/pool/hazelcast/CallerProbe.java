package dev.shmkit.pool.hazelcast;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;

/**
 * A caller JVM for {@link ClusterPoolIT}: joins the members (args: space dir, addresses), runs a table job
 * (so each member holds a copy), prints "done SUM", then waits to be killed.
 */
public final class CallerProbe {
    private CallerProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);  // Hazelcast's threads would keep a failed probe alive
        }
    }

    private static void run(String[] args) throws Exception {
        SharedSpace space = SharedSpace.open(SpaceOptions.directory(Path.of(args[0])));
        SharedTable t = space.publish("big", Table.create("t", DoubleColumn.create("x", new double[]{1, 2, 3, 4})));
        ClusterPool c = ClusterPool.connect(ClusterOptions.join(args[1]).awaitMembers(args[1].split(",").length));
        double s = c.pool().map(t, (v, r) -> v.doubleColumn("x").sum(r.from(), r.to()),
                dev.shmkit.job.JobOptions.defaults().chunkCount(4)).reduce(0.0, Double::sum);
        System.out.println("done " + s + " " + c.lastJob().members().size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
