package dev.shmkit.cli;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.RowTask;
import dev.shmkit.memory.Bytes;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.pool.WorkerPool;
import tech.tablesaw.api.Table;

import java.util.Locale;
import java.util.Set;

/**
 * {@code shmkit demo}: the whole idea on one screen. A generated table is published once, a
 * pool of worker JVMs runs the same map job twice — first passing the whole table with every
 * task (copy mode, what a big argument to {@code Pool.map} costs), then reading the published
 * segment in place (share mode) — and the two job reports are printed side by side.
 */
final class DemoCommand {
    private static final String USAGE = "shmkit demo [--rows N] [--tasks T] [--workers W]";

    private DemoCommand() {
    }

    static void run(String[] argv) {
        Args a = Args.parse(argv, Set.of(), Set.of("rows", "tasks", "workers"), USAGE);
        int rows = a.getInt("rows", 10_000_000, USAGE);
        int tasks = a.getInt("tasks", 20, USAGE);
        int workers = a.getInt("workers", Runtime.getRuntime().availableProcessors(), USAGE);
        if (rows < tasks || tasks < 1 || workers < 1) {
            throw new UsageException("need rows >= tasks >= 1 and workers >= 1; usage: " + USAGE);
        }
        System.out.printf(Locale.ROOT, "shmkit demo: %,d rows x 4 double columns (seed 42), %d tasks on %d worker JVMs%n",
                rows, tasks, workers);
        long t0 = System.nanoTime();
        Table df = TableGenerator.rows(rows).doubles(4).seed(42).name("demo").generate();
        System.out.printf(Locale.ROOT, "  generated the table in %.2f s%n", secs(t0));
        try (SharedSpace space = SharedSpace.open(SpaceOptions.named("demo"))) {
            long p0 = System.nanoTime();
            SharedTable big = space.publish("demo", df);
            double publish = secs(p0);
            System.out.printf(Locale.ROOT, "  published %s once in %.3f s (%.2f GB/s) -> %s%n", Bytes.human(big.mappedBytes()),
                    publish, big.mappedBytes() / publish / 1e9, big.path());
            long w0 = System.nanoTime();
            try (WorkerPool pool = WorkerPool.start(workers)) {
                System.out.printf(Locale.ROOT, "  started %d warm workers in %.2f s%n", workers, secs(w0));
                RowTask<Double> sumX0 = (view, range) -> view.doubleColumn("x0").sum(range.from(), range.to());
                System.out.printf(Locale.ROOT, "  job: sum column x0 over %d row ranges%n", tasks);
                JobResult<Double> copy = run(pool, big, sumX0, JobOptions.defaults().name("copy").chunkCount(tasks).copyTable(), "copy");
                JobResult<Double> share = run(pool, big, sumX0, JobOptions.defaults().name("share").chunkCount(tasks), "share");
                double sc = copy.reduce(0.0, Double::sum);
                double ss = share.reduce(0.0, Double::sum);
                if (Math.abs(sc - ss) > 1e-6 * Math.abs(ss)) {
                    throw new IllegalStateException("copy and share disagree: " + sc + " vs " + ss);
                }
                System.out.println();
                System.out.print(sideBySide(copy.report(), share.report()));
                double ratio = (double) copy.report().wallNanos() / share.report().wallNanos();
                System.out.printf(Locale.ROOT, "%n  same answer both ways (sum=%.6f). Sharing was %.0fx faster and copied %s instead of %s.%n",
                        ss, ratio, Bytes.human(share.report().bytesCopied()), Bytes.human(copy.report().bytesCopied()));
                System.out.println("  (times depend on this machine and its load; run again to see the spread)");
            }
        }
    }

    private static JobResult<Double> run(WorkerPool pool, SharedTable big, RowTask<Double> task, JobOptions opts, String label) {
        return pool.map(big, task, opts.progress(new ProgressLine(label)));
    }

    /** One line per mode, rewritten in place as tasks finish: {@code   copy   [######    ] 12/20  9.3 s}. */
    private static final class ProgressLine implements dev.shmkit.job.JobListener {
        private static final int WIDTH = 30;
        private final String label;

        ProgressLine(String label) {
            this.label = label;
        }

        @Override
        public void progress(dev.shmkit.job.JobProgress p) {
            int filled = p.tasks() == 0 ? WIDTH : (int) ((long) WIDTH * p.tasksDone() / p.tasks());
            System.out.printf(Locale.ROOT, "\r  %-5s mode [%s%s] %d/%d tasks  %.2f s", label, "#".repeat(filled),
                    " ".repeat(WIDTH - filled), p.tasksDone(), p.tasks(), p.elapsedNanos() / 1e9);
            System.out.flush();
        }

        @Override
        public void ended(dev.shmkit.job.JobProgress p, JobReport report, Throwable failure) {
            progress(p);
            System.out.println(failure == null ? "" : "  failed: " + failure.getMessage());
        }
    }

    /** The two reports' headline numbers in two columns. */
    static String sideBySide(JobReport copy, JobReport share) {
        StringBuilder sb = new StringBuilder();
        String f = "  %-28s %16s %16s%n";
        sb.append(String.format(Locale.ROOT, f, "", "COPY (per task)", "SHARE (mapped)"));
        sb.append(String.format(Locale.ROOT, f, "wall time", ms(copy.wallNanos()), ms(share.wallNanos())));
        sb.append(String.format(Locale.ROOT, f, "sum of task run times", ms(copy.runNanos()), ms(share.runNanos())));
        sb.append(String.format(Locale.ROOT, f, "speedup (run / wall)", x(copy.speedup()), x(share.speedup())));
        sb.append(String.format(Locale.ROOT, f, "overhead per task", ms(copy.overheadPerTaskNanos()), ms(share.overheadPerTaskNanos())));
        sb.append(String.format(Locale.ROOT, f, "bytes copied", Bytes.human(copy.bytesCopied()), Bytes.human(share.bytesCopied())));
        sb.append(String.format(Locale.ROOT, f, "bytes mapped", Bytes.human(copy.bytesMapped()), Bytes.human(share.bytesMapped())));
        sb.append(String.format(Locale.ROOT, f, "tasks / workers", copy.tasks().size() + " / " + copy.workers(),
                share.tasks().size() + " / " + share.workers()));
        return sb.toString();
    }

    private static String ms(long nanos) {
        return nanos >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static String x(double v) {
        return String.format(Locale.ROOT, "%.2fx", v);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
