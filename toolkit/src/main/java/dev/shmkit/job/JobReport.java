package dev.shmkit.job;

import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;

import java.util.List;
import java.util.Locale;

/**
 * What a job cost: per task ({@link TaskReport}) and in total. {@link #speedup()} is the sum of
 * task run times over wall time; {@link #overheadPerTaskNanos()} is the worker time not spent in
 * the user's code ({@code wall x workers - sum(run)}) divided by the number of tasks.
 */
public final class JobReport {
    /** Rows printed by {@link #toString()} before eliding the middle. */
    private static final int MAX_ROWS = 20;
    /** The name {@link JobOptions#defaults()} gives a job; a title does not repeat it ("job 'job'"). */
    static final String DEFAULT_NAME = "job";

    private final String name;
    private final int workers;
    private final long wallNanos;
    private final List<TaskReport> tasks;
    /** Each worker's sampled physical memory; empty unless the job asked ({@link JobOptions#measureMemory}). */
    private final List<WorkerMemory> memory;

    /** A report of {@code tasks} that took {@code wallNanos} on {@code workers} workers. */
    public JobReport(String name, int workers, long wallNanos, List<TaskReport> tasks) {
        this.name = name;
        this.workers = workers;
        this.wallNanos = wallNanos;
        this.tasks = List.copyOf(tasks);
        this.memory = List.of();
    }

    private JobReport(JobReport r, List<WorkerMemory> memory) {
        this.name = r.name;
        this.workers = r.workers;
        this.wallNanos = r.wallNanos;
        this.tasks = r.tasks;
        this.memory = List.copyOf(memory);
    }

    /** This report with each worker's sampled physical memory added. */
    public JobReport withMemory(List<WorkerMemory> perWorker) {
        return new JobReport(this, perWorker);
    }

    /** Each worker's physical memory during the job (peak shared vs private PSS); empty unless asked for. */
    public List<WorkerMemory> memory() {
        return memory;
    }

    /** The job's name. */
    public String name() {
        return name;
    }

    /** Workers in the pool when the job started. */
    public int workers() {
        return workers;
    }

    /** From submission to the last result. */
    public long wallNanos() {
        return wallNanos;
    }

    /** One report per task, in input order. */
    public List<TaskReport> tasks() {
        return tasks;
    }

    /** Sum of the tasks' run times. */
    public long runNanos() {
        return tasks.stream().mapToLong(TaskReport::runNanos).sum();
    }

    /** Sum of run times over wall time. */
    public double speedup() {
        return wallNanos == 0 ? 0 : (double) runNanos() / wallNanos;
    }

    /** Worker time not spent in user code, per task. */
    public long overheadPerTaskNanos() {
        return tasks.isEmpty() ? 0 : Math.max(0, wallNanos * workers - runNanos()) / tasks.size();
    }

    /** Bytes copied to workers (serialized inputs and copies the workers made). */
    public long bytesCopied() {
        return tasks.stream().mapToLong(TaskReport::bytesCopied).sum();
    }

    /** Bytes of shared segments the tasks read in place. */
    public long bytesMapped() {
        return tasks.stream().mapToLong(TaskReport::bytesMapped).sum();
    }

    /** Result bytes that crossed the control socket (inline results). */
    public long resultInlineBytes() {
        return tasks.stream().mapToLong(TaskReport::resultBytes).sum();
    }

    /** Result bytes that came through result segments, mapped by the parent (included in {@link #bytesMapped()}). */
    public long resultSegmentBytes() {
        return tasks.stream().mapToLong(TaskReport::resultSegmentBytes).sum();
    }

    /** Proxy-mode reads the tasks sent to the parent (0 unless the job ran in {@link AccessMode#PROXY}). */
    public long proxyRequests() {
        return tasks.stream().mapToLong(TaskReport::proxyRequests).sum();
    }

    /** Payload bytes of the proxy requests and their replies. */
    public long proxyBytes() {
        return tasks.stream().mapToLong(TaskReport::proxyBytes).sum();
    }

    /** Time the tasks spent waiting for proxy replies (summed over tasks; part of their run time). */
    public long proxyWaitNanos() {
        return tasks.stream().mapToLong(TaskReport::proxyWaitNanos).sum();
    }

    /** "proxy: requests=100 moved=2.1 KB wait=12.0 ms", or "" for a job without proxy reads. */
    public String proxySummary() {
        if (proxyRequests() == 0) {
            return "";
        }
        return "proxy: requests=" + Units.count(proxyRequests()) + " moved=" + Bytes.human(proxyBytes()) + " wait="
                + Units.duration(proxyWaitNanos()) + " (" + Units.duration(proxyWaitNanos() / proxyRequests()) + "/request)";
    }

    /**
     * "job 'sum'", or just "job" for a job left with the default name (not "job 'job'"); a comparison
     * run keeps its mode: "job 'sum' (share)".
     */
    public String title() {
        String mode = "";
        String base = name;
        for (String m : new String[] {" (share)", " (copy)", " (proxy)"}) {
            if (name.endsWith(m)) {
                mode = m;
                base = name.substring(0, name.length() - m.length());
            }
        }
        return (base.equals(DEFAULT_NAME) || base.isEmpty() ? "job" : "job '" + base + "'") + mode;
    }

    /** One line: wall time, speedup, overhead, bytes, each in the unit that fits ({@link Units}). */
    public String summary() {
        return title() + ": tasks=" + Units.count(tasks.size()) + " workers=" + workers + " wall=" + Units.duration(wallNanos)
                + " run=" + Units.duration(runNanos()) + " speedup=" + Units.speedup(speedup())
                + " overhead/task=" + Units.duration(overheadPerTaskNanos()) + " copied=" + Bytes.human(bytesCopied())
                + " mapped=" + Bytes.human(bytesMapped()) + resultsSummary()
                + (proxyRequests() == 0 ? "" : " " + proxySummary());
    }

    /** " results: inline=.. segment=.. (mapped)" when a result came through a segment, else nothing. */
    private String resultsSummary() {
        long seg = resultSegmentBytes();
        return seg == 0 ? "" : " results: inline=" + Bytes.human(resultInlineBytes()) + " segment=" + Bytes.human(seg)
                + " (mapped)";
    }

    /** The summary and a table of tasks (times in microseconds). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        sb.append(String.format(Locale.ROOT, "%5s %-22s %3s %9s %8s %8s %8s %10s %8s %12s %12s %12s %12s%n", "task",
                "input", "w", "queue", "ship", "deser", "attach", "run", "result", "copied B", "mapped B", "result B",
                "via"));
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.size() > MAX_ROWS && i == MAX_ROWS / 2) {
                sb.append(String.format(Locale.ROOT, "  ... %d more tasks ...%n", tasks.size() - MAX_ROWS));
                i = tasks.size() - MAX_ROWS / 2;
            }
            TaskReport t = tasks.get(i);
            sb.append(String.format(Locale.ROOT, "%5d %-22s %3d %9.1f %8.1f %8.1f %8.1f %10.1f %8.1f %12d %12d %12d %12s%n",
                    t.index(), t.label(), t.workerId(), t.queueWaitNanos() / 1e3, t.shipNanos() / 1e3,
                    t.deserializeNanos() / 1e3, t.attachNanos() / 1e3, t.runNanos() / 1e3, t.resultNanos() / 1e3,
                    t.bytesCopied(), t.bytesMapped(), t.resultViaSegment() ? t.resultSegmentBytes() : t.resultBytes(),
                    t.resultViaSegment() ? "segment" : "inline"));
        }
        if (proxyRequests() != 0) {
            sb.append("proxy reads per task:\n");
            sb.append(String.format(Locale.ROOT, "%5s %10s %14s %12s%n", "task", "requests", "moved B", "wait us"));
            for (int i = 0; i < tasks.size(); i++) {
                if (tasks.size() > MAX_ROWS && i == MAX_ROWS / 2) {
                    sb.append(String.format(Locale.ROOT, "  ... %d more tasks ...%n", tasks.size() - MAX_ROWS));
                    i = tasks.size() - MAX_ROWS / 2;
                }
                TaskReport t = tasks.get(i);
                sb.append(String.format(Locale.ROOT, "%5d %10d %14d %12.1f%n", t.index(), t.proxyRequests(),
                        t.proxyBytes(), t.proxyWaitNanos() / 1e3));
            }
        }
        if (!memory.isEmpty()) {
            sb.append("physical memory per worker (peak PSS, sampled):\n");
            sb.append(String.format(Locale.ROOT, "%3s %8s %14s %16s %7s%n", "w", "pid", "shared B", "private B", "samples"));
            for (WorkerMemory m : memory) {
                sb.append(String.format(Locale.ROOT, "%3d %8d %14d %16d %7d%n", m.workerId(), m.pid(), m.peakSharedBytes(),
                        m.peakPrivateBytes(), m.samples()));
            }
        }
        return sb.toString();
    }
}
