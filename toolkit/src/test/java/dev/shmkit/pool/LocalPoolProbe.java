package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link LocalPoolClassLoadsIT}: a local pool's table map (shared, then copied) and item map;
 * args: space dir, worker flag.
 */
public final class LocalPoolProbe {
    private LocalPoolProbe() {
    }

    public static void main(String[] args) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(Path.of(args[0])));
             WorkerPool pool = WorkerPool.start(PoolOptions.defaults().workers(1).jvmFlag(args[1]))) {
            SharedTable t = space.publish("t", Table.create("t", DoubleColumn.create("x", new double[]{1, 2, 3})));
            double s = pool.map(t, (v, r) -> v.doubleColumn("x").sum(r.from(), r.to())).reduce(0.0, Double::sum);
            double copied = pool.map(t, (v, r) -> v.doubleColumn("x").sum(r.from(), r.to()), JobOptions.defaults().copyTable())
                    .reduce(0.0, Double::sum);
            if (copied != s) {
                throw new IllegalStateException("copy mode sum=" + copied + " share mode sum=" + s);
            }
            SerializableFunction<Integer, Integer> sq = x -> x * x;
            System.out.println("done sum=" + s + " items=" + pool.mapItems(List.of(1, 2), sq).values());
            t.close();
        }
    }
}
