package dev.shmkit.bench;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.pool.hazelcast.ClusterOptions;
import dev.shmkit.pool.hazelcast.ClusterPool;
import dev.shmkit.pool.hazelcast.ClusterReport;
import dev.shmkit.pool.hazelcast.LocalMembers;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark main (not a test): W1 (a 10M-row x 4-double table, 100 tasks each summing column 0 over
 * 1/100 of the rows) on 2 local workers and on 2 loopback cluster members (one task slot each). Prints
 * JSON lines {@code {"workload","variant","metric","value","n"}}: the first job (on the cluster it
 * includes shipping the table to each member), the median of the repeated jobs, and the bytes shipped.
 * The members are started by {@link LocalMembers} and stopped at the end; the table is published into
 * the default space as {@code bench-cluster} and removed. Run: {@code ./shmkit bench cluster}
 */
public final class ClusterBench {
    private static final int ROWS = Integer.getInteger("bench.clusterRows", 10_000_000);
    private static final int TASKS = 100;
    /** Repeated jobs per backend ({@code -Dbench.clusterReps}). */
    private static final int REPS = Integer.getInteger("bench.clusterReps", 10);

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        String name = BenchSpace.name("cluster");
        try (SharedSpace space = BenchSpace.open()) {
            try {
                run(space, name);
            } finally {
                space.remove(name);
            }
        }
    }

    private static void run(SharedSpace space, String name) {
        Random rnd = new Random(42);
        DoubleColumn[] cols = new DoubleColumn[4];
        double expected = 0;
        for (int c = 0; c < 4; c++) {
            double[] v = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                v[i] = rnd.nextDouble();
                if (c == 0) {
                    expected += v[i];
                }
            }
            cols[c] = DoubleColumn.create("c" + c, v);
        }
        RowTask<Double> sum = (view, r) -> view.doubleColumn("c0").sum(r.from(), r.to());
        JobOptions options = JobOptions.defaults().chunkCount(TASKS);
        try (SharedTable table = space.publish(name, Table.create("w1", cols))) {
            cols = null;
            try (WorkerPool local = WorkerPool.start(PoolOptions.defaults().workers(2))) {
                measure("local 2 workers", local, table, sum, options, expected, null);
            }
            long t0 = System.nanoTime();
            try (LocalMembers members = LocalMembers.start(2, 1)) {
                Json.print("W1", "cluster 2 members", "members_start_s", (System.nanoTime() - t0) / 1e9, 2);
                long c0 = System.nanoTime();
                try (ClusterPool cluster = ClusterPool.connect(ClusterOptions.join(members.addresses()).awaitMembers(2))) {
                    Json.print("W1", "cluster 2 members", "connect_s", (System.nanoTime() - c0) / 1e9, 2);
                    measure("cluster 2 members", cluster.pool(), table, sum, options, expected, cluster);
                    ClusterReport r = cluster.report();
                    System.err.println(r.text());
                    for (ClusterReport.Member m : r.members()) {
                        Json.print("W1", "cluster member " + m.address(), "bytes_shipped", m.bytesShipped(), m.ships());
                        Json.print("W1", "cluster member " + m.address(), "ship_s", m.shipNanos() / 1e9, m.ships());
                        Json.print("W1", "cluster member " + m.address(), "tasks", m.tasks(), TASKS * (REPS + 1L));
                    }
                    Json.print("W1", "cluster 2 members", "bytes_shipped", r.bytesShipped(), TASKS * (REPS + 1L));
                    Json.print("W1", "cluster 2 members", "bytes_mapped", r.bytesMapped(), TASKS * (REPS + 1L));
                }
            }
        }
    }

    private static void measure(String variant, WorkerPool pool, SharedTable table, RowTask<Double> sum, JobOptions options,
                                double expected, ClusterPool cluster) {
        long s0 = System.nanoTime();
        JobResult<Double> first = pool.map(table, sum, options);
        Json.print("W1", variant, "first_job_wall_s", (System.nanoTime() - s0) / 1e9, TASKS);
        check(first, expected);
        if (cluster != null) {
            System.err.println(cluster.lastJob().text());
        }
        List<Double> walls = new ArrayList<>();
        JobResult<Double> last = first;
        for (int i = 0; i < REPS; i++) {
            long r0 = System.nanoTime();
            last = pool.map(table, sum, options);
            walls.add((System.nanoTime() - r0) / 1e9);
            check(last, expected);
        }
        walls.sort(null);
        Json.print("W1", variant, "repeated_job_wall_s", walls.get(walls.size() / 2), TASKS);
        Json.print("W1", variant, "repeated_job_wall_s_best", walls.get(0), TASKS);
        Json.print("W1", variant, "overhead_per_task_us", last.report().overheadPerTaskNanos() / 1e3, TASKS);
        Json.print("W1", variant, "input_bytes_per_task", (double) last.report().bytesCopied() / TASKS, TASKS);
        System.err.println(variant + ": " + last.report().summary());
    }

    private static void check(JobResult<Double> r, double expected) {
        double got = r.reduce(0.0, Double::sum);
        if (Math.abs(got - expected) > 1e-6 * Math.abs(expected)) {
            throw new IllegalStateException("W1 sum=" + got + " expected=" + expected);
        }
    }
}
