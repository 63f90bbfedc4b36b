package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.job.JobReport;
import dev.shmkit.memory.Bytes;

import java.util.List;

/** A compact card of what a job cost: tasks, workers, wall time, speedup, overhead per task, bytes. */
public record JobReportCard(JobReport report) implements RichResult {
    @Override
    public String toHtml() {
        return "<div class=\"shmkit-card\" style=\"font:13px system-ui,-apple-system,'Segoe UI',sans-serif\">"
                + "<div><b>" + Html.esc(report.title()) + "</b></div>" + Html.table(
                List.of("tasks", "workers", "wall", "run (sum)", "speedup", "overhead / task", "copied", "mapped"),
                List.of(List.of(Units.count(report.tasks().size()), report.workers(), Units.duration(report.wallNanos()),
                        Units.duration(report.runNanos()), Units.speedup(report.speedup()),
                        Units.duration(report.overheadPerTaskNanos()), Bytes.human(report.bytesCopied()),
                        Bytes.human(report.bytesMapped()))))
                + (report.proxyRequests() == 0 ? "" : "<div style=\"color:#555\">" + Html.esc(report.proxySummary())
                + " (each read a request to the kernel)</div>")
                + (report.resultSegmentBytes() == 0 ? "" : "<div style=\"color:#666\">results: "
                        + Html.esc(Bytes.human(report.resultInlineBytes())) + " inline, "
                        + Html.esc(Bytes.human(report.resultSegmentBytes())) + " through result segments (mapped)</div>")
                + "</div>";
    }

    @Override
    public String toString() {
        return report.summary();
    }
}
