package dev.shmkit.job;

import java.util.List;
import java.util.function.BinaryOperator;

/** The values of a finished job, in input order, and what the job cost. */
public final class JobResult<R> {
    private final List<R> values;
    private final JobReport report;

    /** A result of {@code values} with its cost {@code report}. */
    public JobResult(List<R> values, JobReport report) {
        this.values = values;
        this.report = report;
    }

    /** One value per item (or per task of a table job), in input order. */
    public List<R> values() {
        return values;
    }

    /** Folds the values in order. */
    public R reduce(R identity, BinaryOperator<R> op) {
        R acc = identity;
        for (R v : values) {
            acc = op.apply(acc, v);
        }
        return acc;
    }

    /** What the job cost. */
    public JobReport report() {
        return report;
    }

    @Override
    public String toString() {
        return "JobResult[values=" + values.size() + ", " + report.summary() + "]";
    }
}
