package dev.shmkit.job;

import tech.tablesaw.api.Table;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The values of a finished job, in input order, and what the job cost. Results over the job's
 * {@link JobOptions#resultSegmentThreshold(long) threshold} came through result segments, which this
 * holds mapped ({@link #resultSegment(int)}) until {@link #close()}, or until it is collected.
 */
public final class JobResult<R> implements AutoCloseable {
    /** Closes the result segments of a JobResult nobody references (it must not reach the JobResult). */
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "shmkit-result-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final List<R> values;
    private final JobReport report;
    /** Per task: its result segment, or null for an inline result. */
    private final List<ResultSegment> segments;
    private final Cleaner.Cleanable cleanable;

    /** A result of {@code values} with its cost {@code report}, all inline. */
    public JobResult(List<R> values, JobReport report) {
        this(values, report, List.of());
    }

    /**
     * A result of {@code values} with its cost {@code report} and, per task, the result segment it
     * came through (null entries for inline results); this takes ownership of the segments.
     */
    public JobResult(List<R> values, JobReport report, List<ResultSegment> segments) {
        this.values = values;
        this.report = report;
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
        boolean any = segments.stream().anyMatch(s -> s != null);
        this.cleanable = any ? CLEANER.register(this, new Closer(this.segments)) : null;
    }

    /** The cleaning action: holds the segments, never the JobResult. */
    private record Closer(List<ResultSegment> segments) implements Runnable {
        @Override
        public void run() {
            closeAll(segments);
        }
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

    /**
     * The result segment task {@code task} (0-based, input order) came through, for reading it in
     * place ({@code resultSegment(0).objectSegment().doubles("$")}), or null if it came inline.
     */
    public ResultSegment resultSegment(int task) {
        return task < segments.size() ? segments.get(task) : null;
    }

    /**
     * Concatenates table-valued results (each task returned a Tablesaw {@code Table}) in task order
     * into one new heap table: a copy. Columns are matched by name; every table must have the same
     * column names and types as the first.
     *
     * @throws dev.shmkit.ShmkitException naming the task and column when a value is not a table or its schema differs
     */
    public Table toTable() {
        return TableConcat.concat(values);
    }

    /** What the job cost. */
    public JobReport report() {
        return report;
    }

    /** Unmaps and deletes the result segments this holds; idempotent. Values already read stay valid. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    static void closeAll(List<ResultSegment> segments) {
        RuntimeException first = null;
        for (ResultSegment s : segments) {
            if (s == null) {
                continue;
            }
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "JobResult[values=" + values.size() + ", " + report.summary() + "]";
    }
}
