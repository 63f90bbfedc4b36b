package dev.shmkit.pool;

import dev.shmkit.format.Units;
import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.memory.Bytes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of {@link Compare#run}: the same job run in some of the three access modes — copy (the
 * whole table with every task), proxy (every read a request to the parent) and share (the table read
 * in place) — with the ratios a reader wants first. {@link #toString()} prints the runs side by side
 * (per mode: total and per-task wall time, bytes copied, bytes moved by the proxy, bytes mapped,
 * requests) and a sentence.
 *
 * @param runs   the measured runs by mode (any of the three)
 * @param warmUp the discarded warm-up run before them (see {@link Compare}), or null if there was none
 * @param <R>    the task's result type
 */
public record Comparison<R>(Map<AccessMode, JobResult<R>> runs, JobReport warmUp) {
    public Comparison {
        EnumMap<AccessMode, JobResult<R>> m = new EnumMap<>(AccessMode.class);
        m.putAll(runs);
        runs = Collections.unmodifiableMap(m);
    }

    /** A copy run and a share run, with the warm-up run before them. */
    public Comparison(JobResult<R> copy, JobResult<R> share, JobReport warmUp) {
        this(Map.of(AccessMode.COPY, copy, AccessMode.SHARE, share), warmUp);
    }

    /** A copy run and a share run without a warm-up run before them. */
    public Comparison(JobResult<R> copy, JobResult<R> share) {
        this(copy, share, null);
    }

    /** The modes that ran, in the order copy, proxy, share. */
    public List<AccessMode> modes() {
        return new ArrayList<>(runs.keySet());
    }

    /** The run in {@code mode}, or null if that mode was not run. */
    public JobResult<R> run(AccessMode mode) {
        return runs.get(mode);
    }

    /** The run that sent the whole table with every task, or null. */
    public JobResult<R> copy() {
        return runs.get(AccessMode.COPY);
    }

    /** The run whose tasks read the published table in place, or null. */
    public JobResult<R> share() {
        return runs.get(AccessMode.SHARE);
    }

    /** The run whose tasks' reads were requests to the parent, or null. */
    public JobResult<R> proxy() {
        return runs.get(AccessMode.PROXY);
    }

    /**
     * What no measured run includes: "excluded from both runs: a warm-up share run of 2 tasks
     * (412.0 ms) ...", or "" without a warm-up run.
     */
    public String excluded() {
        if (warmUp == null) {
            return "";
        }
        return "excluded from " + (runs.size() == 2 ? "both runs" : runs.size() == 1 ? "the run" : "every measured run")
                + ": a warm-up share run of " + Units.count(warmUp.tasks().size(), "task") + " (" + Units.duration(warmUp.wallNanos())
                + ") that shipped the task to every worker, attached the table there and warmed the JIT";
    }

    /** Wall time of mode {@code a} over that of {@code b}: how many times faster {@code b} was (NaN if either did not run). */
    public double speedRatio(AccessMode a, AccessMode b) {
        if (!runs.containsKey(a) || !runs.containsKey(b)) {
            return Double.NaN;
        }
        return (double) runs.get(a).report().wallNanos() / Math.max(1, runs.get(b).report().wallNanos());
    }

    /** Copy wall time over share wall time: how many times faster sharing was (below 1: slower). */
    public double speedRatio() {
        return speedRatio(AccessMode.COPY, AccessMode.SHARE);
    }

    /** Bytes the copy run copied over bytes the share run copied (at least 1 byte is assumed). */
    public double bytesRatio() {
        if (copy() == null || share() == null) {
            return Double.NaN;
        }
        return (double) copy().report().bytesCopied() / Math.max(1, share().report().bytesCopied());
    }

    /** Bytes that travelled to or from workers in {@code report}: what was copied plus what the proxy moved. */
    public static long bytesSent(JobReport report) {
        return report.bytesCopied() + report.proxyBytes();
    }

    /** Whether every run returned the same values (they should: same task, same rows). */
    public boolean sameValues() {
        List<R> first = null;
        for (JobResult<R> r : runs.values()) {
            if (first == null) {
                first = r.values();
            } else if (!first.equals(r.values())) {
                return false;
            }
        }
        return true;
    }

    /**
     * "sharing was 310× faster and moved 32,000× fewer bytes than copying the table to every task", with,
     * when a proxy run is there, how it stood between the two.
     */
    public String sentence() {
        List<String> parts = new ArrayList<>();
        if (copy() != null && share() != null) {
            double s = speedRatio();
            String speed = s >= 1 ? "sharing was " + times(s) + " faster" : "sharing was " + times(1 / s) + " slower";
            double b = bytesRatio();
            String bytes = b >= 1 ? "moved " + times(b) + " fewer bytes" : "moved " + times(1 / b) + " more bytes";
            parts.add(speed + " and " + bytes + " than copying the table to every task");
        }
        if (proxy() != null) {
            JobReport p = proxy().report();
            List<String> vs = new ArrayList<>();
            if (copy() != null) {
                vs.add(fasterOrSlower(speedRatio(AccessMode.COPY, AccessMode.PROXY)) + " than copying");
            }
            if (share() != null) {
                vs.add(fasterOrSlower(speedRatio(AccessMode.SHARE, AccessMode.PROXY)) + " than sharing");
            }
            parts.add("the proxy " + (vs.isEmpty() ? "ran" : "was " + String.join(" and ", vs)) + ", with "
                    + Units.count(p.proxyRequests(), "request") + " moving " + Bytes.human(p.proxyBytes()));
        }
        if (parts.isEmpty()) {
            JobReport only = runs.values().iterator().next().report();
            return "one " + modes().get(0).label() + " run took " + Units.duration(only.wallNanos());
        }
        return String.join("; ", parts);
    }

    private static String fasterOrSlower(double otherOverThis) {
        return otherOverThis >= 1 ? times(otherOverThis) + " faster" : times(1 / otherOverThis) + " slower";
    }

    /** A ratio for people: 310×, 3.1×, 32,000× ({@link Units#times}). */
    public static String times(double ratio) {
        return Units.times(ratio);
    }

    /** Wall time over tasks: what one task cost, all overheads included. */
    public static long perTaskNanos(JobReport r) {
        return r.tasks().isEmpty() ? 0 : r.wallNanos() / r.tasks().size();
    }

    @Override
    public String toString() {
        List<JobReport> reps = runs.values().stream().map(JobResult::report).toList();
        boolean proxied = proxy() != null;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-18s", ""));
        for (AccessMode m : runs.keySet()) {
            b.append(String.format(Locale.ROOT, " %16s", m.label()));
        }
        b.append('\n');
        row(b, "wall time", reps, r -> Units.duration(r.wallNanos()));
        row(b, "per task", reps, r -> Units.duration(perTaskNanos(r)));
        row(b, "bytes copied", reps, r -> Bytes.human(r.bytesCopied()));
        if (proxied) {
            row(b, "bytes moved", reps, r -> Bytes.human(r.proxyBytes()));
            row(b, "proxy requests", reps, r -> Units.count(r.proxyRequests()));
        }
        row(b, "bytes mapped", reps, r -> Bytes.human(r.bytesMapped()));
        row(b, "overhead per task", reps, r -> Units.duration(r.overheadPerTaskNanos()));
        row(b, "speedup", reps, r -> Units.speedup(r.speedup()));
        row(b, "tasks x workers", reps, r -> Units.count(r.tasks().size()) + " x " + r.workers());
        JobResult<R> any = runs.values().iterator().next();
        String all = runs.size() == 1 ? "the run" : runs.size() == 2 ? "both runs" : "all " + runs.size() + " runs";
        b.append(sentence()).append(sameValues() ? "; " + all + " returned the same " + Units.count(any.values().size(), "value")
                + "." : "; WARNING: the runs returned different values (does the task depend on more than its rows?)");
        if (warmUp != null) {
            b.append('\n').append(excluded()).append('.');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, List<JobReport> reps, java.util.function.Function<JobReport, String> cell) {
        b.append(String.format(Locale.ROOT, "%-18s", name));
        for (JobReport r : reps) {
            b.append(String.format(Locale.ROOT, " %16s", cell.apply(r)));
        }
        b.append('\n');
    }
}
