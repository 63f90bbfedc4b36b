package dev.shmkit.bench;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.OutputRowTask;
import dev.shmkit.job.RowTask;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.OutputColumn;
import dev.shmkit.table.OutputSchema;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * W5 (issue 11): a derived column {@code y = f(x)} over a 10M-row table, three ways: written by the pool in
 * place into a shared output table (created, filled, sealed and published); returned over the control
 * socket (a {@code double[]} per task, concatenated in the parent); computed in one process (the parent,
 * over the mapped column). Wall seconds, median of {@value #REPS} runs after one warm-up run each; the shared
 * output's wall includes creating the draft (allocating 80 MB) and sealing it, also shown apart.
 */
final class DerivedColumnBench {
    private static final int ROWS = 10_000_000;
    private static final int REPS = 5;

    private DerivedColumnBench() {
    }

    /** The derived column's function: cheap enough that moving the result dominates unless it is shared. */
    static double f(double x) {
        return Math.sqrt(x) * 2.0 + 1.0;
    }

    static void run(WorkerPool pool) {
        String in = BenchSpace.name("w5-x");
        String out = BenchSpace.name("w5-y");
        try (SharedSpace space = BenchSpace.open()) {
            try {
                measure(pool, space, in, out);
            } finally {
                space.remove(in);
                space.remove(out);
            }
        }
    }

    private static void measure(WorkerPool pool, SharedSpace space, String in, String out) {
        Random rnd = new Random(5);
        double[] x = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = rnd.nextDouble() * 100;
        }
        int probe = ROWS - 7;
        double expected = f(x[probe]);
        SharedTable table = space.publish(in, Table.create("w5", DoubleColumn.create("x", x)));
        x = null;
        try (table) {
            OutputSchema schema = OutputSchema.create().doubleColumn("y");
            OutputRowTask derive = (view, rows, o) -> {
                DoubleColumnView xs = view.doubleColumn("x");
                OutputColumn y = o.column("y");
                for (int i = rows.from(); i < rows.to(); i++) {
                    y.setDouble(i, f(xs.get(i)));
                }
            };
            List<Double> shared = new ArrayList<>();
            List<Double> create = new ArrayList<>();
            List<Double> job = new ArrayList<>();
            JobResult<SegmentId> last = null;
            for (int i = 0; i <= REPS; i++) {
                long t0 = System.nanoTime();
                OutputTable o = space.createTable(out, schema, ROWS);
                long t1 = System.nanoTime();
                last = pool.map(table, o, derive, JobOptions.defaults().name("w5-shared"));
                double wall = (System.nanoTime() - t0) / 1e9;
                if (i > 0) {
                    create.add((t1 - t0) / 1e9);
                    job.add(last.report().wallNanos() / 1e9);
                }
                try (SharedTable y = space.table(out)) {
                    check(y.doubleColumn("y").get(probe), expected, "shared output");
                }
                if (i > 0) {
                    shared.add(wall);
                }
            }
            System.err.println(last.report());
            Json.print("W5", "shared output", "wall_s", median(shared), ROWS);
            Json.print("W5", "shared output", "create_s", median(create), ROWS);
            Json.print("W5", "shared output", "job_wall_s", median(job), ROWS);
            Json.print("W5", "shared output", "bytes_copied", last.report().bytesCopied(), ROWS);

            RowTask<double[]> back = (view, rows) -> {
                DoubleColumnView xs = view.doubleColumn("x");
                double[] y = new double[rows.size()];
                for (int i = rows.from(); i < rows.to(); i++) {
                    y[i - rows.from()] = f(xs.get(i));
                }
                return y;
            };
            List<Double> socket = new ArrayList<>();
            JobResult<double[]> lastBack = null;
            for (int i = 0; i <= REPS; i++) {
                long t0 = System.nanoTime();
                lastBack = pool.map(table, back, JobOptions.defaults().name("w5-socket"));
                double[] y = new double[ROWS];
                int at = 0;
                for (double[] part : lastBack.values()) {
                    System.arraycopy(part, 0, y, at, part.length);
                    at += part.length;
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                check(y[probe], expected, "returned over the socket");
                if (i > 0) {
                    socket.add(wall);
                }
            }
            System.err.println(lastBack.report());
            Json.print("W5", "returned over socket", "wall_s", median(socket), ROWS);
            Json.print("W5", "returned over socket", "result_bytes", 8.0 * ROWS, ROWS);

            List<Double> local = new ArrayList<>();
            for (int i = 0; i <= REPS; i++) {
                long t0 = System.nanoTime();
                DoubleColumnView xs = table.doubleColumn("x");
                double[] y = new double[ROWS];
                for (int r = 0; r < ROWS; r++) {
                    y[r] = f(xs.get(r));
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                check(y[probe], expected, "one process");
                if (i > 0) {
                    local.add(wall);
                }
            }
            Json.print("W5", "one process", "wall_s", median(local), ROWS);
            Json.print("W5", "socket/shared", "wall_ratio", median(socket) / median(shared), ROWS);
            Json.print("W5", "one process/shared", "wall_ratio", median(local) / median(shared), ROWS);
        }
    }

    private static void check(double got, double expected, String variant) {
        if (got != expected) {
            throw new IllegalStateException("W5 " + variant + ": y=" + got + " != " + expected);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
