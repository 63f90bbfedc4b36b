package dev.shmkit.magic;

import dev.shmkit.job.JobProgress;

import java.util.Locale;

/**
 * One drawing of a job's progress bar: name, bar, tasks done, elapsed time, state.
 *
 * @param progress     tasks done of tasks
 * @param state        running, done, cancelled or failed
 * @param elapsedNanos time since submission
 */
public record ProgressView(JobProgress progress, String state, long elapsedNanos) implements RichResult {
    /** Characters of the text bar. */
    private static final int TEXT_WIDTH = 30;

    @Override
    public String toHtml() {
        double f = progress.fraction();
        String colour = switch (state) {
            case "failed", "cancelled" -> "#e45756";
            case "done" -> "#54a24b";
            default -> "#4c78a8";
        };
        return String.format(Locale.ROOT, "<div class=\"shmkit-progress\" style=\"font:13px system-ui,-apple-system,"
                        + "'Segoe UI',sans-serif;display:flex;align-items:center;gap:10px;margin:2px 0\">"
                        + "<span style=\"min-width:9em\"><b>%s</b></span>"
                        + "<span style=\"width:260px;height:10px;background:#e8e8ee;border-radius:5px;overflow:hidden;display:inline-block\">"
                        + "<span style=\"display:block;height:100%%;width:%.1f%%;background:%s\"></span></span>"
                        + "<span style=\"font-variant-numeric:tabular-nums;color:#555\">%d/%d tasks · %.1f s · %s</span></div>",
                Html.esc(progress.job()), f * 100, colour, progress.tasksDone(), progress.tasks(), elapsedNanos / 1e9,
                Html.esc(state));
    }

    @Override
    public String toString() {
        int filled = (int) Math.round(progress.fraction() * TEXT_WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d tasks %.1f s %s", progress.job(), "#".repeat(filled),
                ".".repeat(TEXT_WIDTH - filled), progress.tasksDone(), progress.tasks(), elapsedNanos / 1e9, state);
    }
}
