package dev.shmkit.pool;

import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;

import java.util.Locale;

/**
 * The outcome of {@link Compare#run}: the same job run in copy mode and in share mode, with the
 * ratios a reader wants first. {@link #toString()} prints both side by side and a sentence.
 *
 * @param copy  the run that sent the whole table with every task
 * @param share  the run whose tasks read the published table in place
 * @param warmUp the discarded warm-up run before both (see {@link Compare}), or null if there was none
 * @param <R>    the task's result type
 */
public record Comparison<R>(JobResult<R> copy, JobResult<R> share, JobReport warmUp) {
    /** Two runs without a warm-up run before them. */
    public Comparison(JobResult<R> copy, JobResult<R> share) {
        this(copy, share, null);
    }

    /**
     * What neither measured run includes: "excluded from both runs: a warm-up share run of 2 tasks
     * (412.0 ms) ...", or "" without a warm-up run.
     */
    public String excluded() {
        if (warmUp == null) {
            return "";
        }
        return "excluded from both runs: a warm-up share run of " + Units.count(warmUp.tasks().size(), "task") + " (" + Units.duration(warmUp.wallNanos())
                + ") that shipped the task to every worker, attached the table there and warmed the JIT";
    }

    /** Copy wall time over share wall time: how many times faster sharing was (below 1: slower). */
    public double speedRatio() {
        return (double) copy.report().wallNanos() / Math.max(1, share.report().wallNanos());
    }

    /** Bytes the copy run copied over bytes the share run copied (at least 1 byte is assumed). */
    public double bytesRatio() {
        return (double) copy.report().bytesCopied() / Math.max(1, share.report().bytesCopied());
    }

    /** Whether both runs returned equal values (they should: same task, same rows). */
    public boolean sameValues() {
        return copy.values().equals(share.values());
    }

    /** "sharing was 310× faster and moved 32,000× fewer bytes", or what else the numbers say. */
    public String sentence() {
        double s = speedRatio();
        String speed = s >= 1 ? "sharing was " + times(s) + " faster" : "sharing was " + times(1 / s) + " slower";
        double b = bytesRatio();
        String bytes = b >= 1 ? "moved " + times(b) + " fewer bytes" : "moved " + times(1 / b) + " more bytes";
        return speed + " and " + bytes + " than copying the table to every task";
    }

    /** A ratio for people: 310×, 3.1×, 32,000× ({@link Units#times}). */
    public static String times(double ratio) {
        return Units.times(ratio);
    }

    @Override
    public String toString() {
        JobReport c = copy.report();
        JobReport s = share.report();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-18s %16s %16s%n", "", "copy", "share"));
        row(b, "wall time", Units.duration(c.wallNanos()), Units.duration(s.wallNanos()));
        row(b, "bytes copied", Bytes.human(c.bytesCopied()), Bytes.human(s.bytesCopied()));
        row(b, "bytes mapped", Bytes.human(c.bytesMapped()), Bytes.human(s.bytesMapped()));
        row(b, "overhead per task", Units.duration(c.overheadPerTaskNanos()), Units.duration(s.overheadPerTaskNanos()));
        row(b, "speedup", Units.speedup(c.speedup()), Units.speedup(s.speedup()));
        row(b, "tasks x workers", Units.count(c.tasks().size()) + " x " + c.workers(),
                Units.count(s.tasks().size()) + " x " + s.workers());
        b.append(sentence()).append(sameValues() ? "; both runs returned the same " + Units.count(share.values().size(), "value")
                + "." : "; WARNING: the runs returned different values (does the task depend on more than its rows?)");
        if (warmUp != null) {
            b.append('\n').append(excluded()).append('.');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String copy, String share) {
        b.append(String.format(Locale.ROOT, "%-18s %16s %16s%n", name, copy, share));
    }
}
