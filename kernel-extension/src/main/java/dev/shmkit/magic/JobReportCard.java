package dev.shmkit.magic;

import dev.shmkit.pool.Comparison;
import dev.shmkit.job.JobReport;
import dev.shmkit.memory.Bytes;

import java.util.List;
import java.util.Locale;

/** A compact card of what a job cost: tasks, workers, wall time, speedup, overhead per task, bytes. */
public record JobReportCard(JobReport report) implements RichResult {
    @Override
    public String toHtml() {
        return "<div class=\"shmkit-card\" style=\"font:13px system-ui,-apple-system,'Segoe UI',sans-serif\">"
                + "<div>job <b>" + Html.esc(report.name()) + "</b></div>" + Html.table(
                List.of("tasks", "workers", "wall", "run (sum)", "speedup", "overhead / task", "copied", "mapped"),
                List.of(List.of(report.tasks().size(), report.workers(), Comparison.ms(report.wallNanos()),
                        Comparison.ms(report.runNanos()), String.format(Locale.ROOT, "%.2f×", report.speedup()),
                        Comparison.us(report.overheadPerTaskNanos()), Bytes.human(report.bytesCopied()),
                        Bytes.human(report.bytesMapped()))))
                + "</div>";
    }

    @Override
    public String toString() {
        return report.summary();
    }
}
