package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.memory.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * How a cell whose value is a {@link JobResult} shows it: how many values, the first
 * {@value #PREVIEW} of them, and the job's cost in one line (the full report card is shown under
 * the cell when the job ends).
 *
 * @param result the finished job
 */
public record JobResultCard(JobResult<?> result) implements RichResult {
    /** Values shown: enough to see their shape, few enough to keep the cell short. */
    static final int PREVIEW = 10;
    /** Characters of one value's text before it is cut with "…". */
    static final int MAX_VALUE_CHARS = 80;

    private List<String> preview() {
        List<String> out = new ArrayList<>();
        for (Object v : result.values().subList(0, Math.min(PREVIEW, result.values().size()))) {
            String s = String.valueOf(v);
            out.add(s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS - 1) + "…" : s);
        }
        return out;
    }

    private String headline() {
        return Units.count(result.values().size(), "value") + " of " + result.report().title();
    }

    private String cost() {
        JobReport r = result.report();
        return Units.count(r.tasks().size(), "task") + " on " + Units.count(r.workers(), "worker") + ", wall "
                + Units.duration(r.wallNanos()) + ", speedup " + Units.speedup(r.speedup()) + ", copied "
                + Bytes.human(r.bytesCopied()) + ", mapped " + Bytes.human(r.bytesMapped())
                + (r.resultSegmentBytes() == 0 ? "" : ", results inline " + Bytes.human(r.resultInlineBytes())
                        + " + segment " + Bytes.human(r.resultSegmentBytes()) + " (mapped)")
                + (r.proxyRequests() == 0 ? "" : ", " + r.proxySummary());
    }

    private int more() {
        return result.values().size() - Math.min(PREVIEW, result.values().size());
    }

    @Override
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div class=\"shmkit-card shmkit-result\" style=\"font:13px system-ui,"
                + "-apple-system,'Segoe UI',sans-serif\"><div><b>").append(Html.esc(headline())).append("</b> <span"
                + " style=\"color:#666\">(").append(Html.esc(cost())).append(")</span></div>");
        List<List<Object>> rows = new ArrayList<>();
        List<String> p = preview();
        for (int i = 0; i < p.size(); i++) {
            rows.add(List.of(Units.count(i), p.get(i)));
        }
        if (!rows.isEmpty()) {
            b.append(Html.table(List.of("#", "value"), rows));
        }
        if (more() > 0) {
            b.append("<div style=\"color:#666\">… and ").append(Html.esc(Units.count(more(), "more value")))
                    .append(" (result.values())</div>");
        }
        return b.append("</div>").toString();
    }

    @Override
    public String toString() {
        return headline() + ": [" + String.join(", ", preview()) + (more() > 0 ? ", … " + Units.count(more()) + " more" : "")
                + "] (" + cost() + ")";
    }
}
