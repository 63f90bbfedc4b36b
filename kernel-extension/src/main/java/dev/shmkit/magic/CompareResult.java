package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.job.AccessMode;
import dev.shmkit.job.JobReport;
import dev.shmkit.memory.Bytes;
import dev.shmkit.pool.Comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * What {@code %%compare} shows: the ratios in one sentence, a bar chart of wall time and bytes sent to
 * workers (one bar per mode that ran — copy, proxy, share — each labelled with its number), and a
 * side-by-side table per mode of wall time, time per task, bytes copied, bytes moved by the proxy and
 * its requests, bytes mapped, overhead per task and speedup. The chart is plain HTML, built as the
 * progress bars are (no SVG, no script), so it survives the sanitising of an untrusted notebook,
 * and its labels are separate words so that even stripped of all styling it reads as text.
 *
 * @param comparison the measured runs
 */
public record CompareResult(Comparison<?> comparison) implements RichResult {
    static final String COPY_COLOUR = "#e45756";
    static final String PROXY_COLOUR = "#f58518";
    static final String SHARE_COLOUR = "#4c78a8";
    private static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif";
    /** Card width in px: as wide as the table under the chart. */
    private static final int WIDTH = 620;
    /** Length of the longest bar in px; the others are scaled to it. */
    private static final int BAR_MAX = 400;
    /** Bar thickness in px. */
    private static final int BAR_HEIGHT = 18;

    private JobReport report(AccessMode m) {
        return comparison.run(m).report();
    }

    private JobReport any() {
        return report(comparison.modes().get(0));
    }

    private boolean has(AccessMode m) {
        return comparison.run(m) != null;
    }

    private String name() {
        String t = any().title();
        String suffix = " (" + comparison.modes().get(0).label() + ")";
        return t.endsWith(suffix) ? t.substring(0, t.length() - suffix.length()) : t;
    }

    @Override
    public String toHtml() {
        String s = comparison.sentence();
        String headline = Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
        return "<div class=\"shmkit-compare\" style=\"font:14px " + FONT + ";color:#222;max-width:" + WIDTH + "px\">"
                + "<div style=\"font-size:17px;font-weight:600;margin:4px 0 2px\">" + Html.esc(headline) + "</div>"
                + "<div style=\"color:#666;font-size:12px;margin-bottom:8px\">" + Html.esc(subtitle()) + "</div>"
                + chart() + table() + "</div>";
    }

    private String subtitle() {
        int n = comparison.modes().size();
        return String.format(Locale.ROOT, "%s: %s on %s, run %s: same task, same rows; only how the table"
                        + " reaches the task differs%s", name(), Units.count(any().tasks().size(), "task"),
                Units.count(any().workers(), "worker"), n == 2 ? "twice" : n == 1 ? "once" : n + " times",
                comparison.sameValues() ? " — " + (n == 2 ? "both runs" : "all runs") + " returned the same values"
                        : " — WARNING: the runs returned different values")
                + (comparison.excluded().isEmpty() ? "" : "; " + comparison.excluded());
    }

    /** Two panels (wall time, bytes sent to workers), each one bar per mode on a shared linear scale. */
    String chart() {
        boolean proxied = has(AccessMode.PROXY);
        return "<div class=\"shmkit-bars\" role=\"img\" aria-label=\"" + Html.esc(comparison.sentence()) + "\">"
                + panel("wall time", JobReport::wallNanos, Units::duration, speedRatios())
                + panel(proxied ? "bytes sent to workers (copied, or moved by the proxy)" : "bytes copied to workers",
                proxied ? Comparison::bytesSent : JobReport::bytesCopied, Bytes::human,
                has(AccessMode.COPY) && has(AccessMode.SHARE) ? " · copy ÷ share = " + Units.times(comparison.bytesRatio()) : "")
                + "</div>";
    }

    /** " · copy ÷ share = 310× · proxy ÷ share = 26×" for the pairs that ran. */
    private String speedRatios() {
        StringBuilder b = new StringBuilder();
        if (has(AccessMode.COPY) && has(AccessMode.SHARE)) {
            b.append(" · copy ÷ share = ").append(Units.times(comparison.speedRatio()));
        }
        if (has(AccessMode.PROXY) && has(AccessMode.SHARE)) {
            b.append(" · proxy ÷ share = ").append(Units.times(comparison.speedRatio(AccessMode.PROXY, AccessMode.SHARE)));
        } else if (has(AccessMode.PROXY) && has(AccessMode.COPY)) {
            b.append(" · copy ÷ proxy = ").append(Units.times(comparison.speedRatio(AccessMode.COPY, AccessMode.PROXY)));
        }
        return b.toString();
    }

    private String panel(String title, ToLongFunction<JobReport> value, LongFunction<String> fmt, String ratios) {
        long max = 1;
        for (AccessMode m : comparison.modes()) {
            max = Math.max(max, value.applyAsLong(report(m)));
        }
        StringBuilder b = new StringBuilder("<div style=\"font-weight:600;color:#333;margin:8px 0 4px\">")
                .append(Html.esc(title + ratios)).append("</div>");
        for (AccessMode m : comparison.modes()) {
            b.append(bar(m.label(), value.applyAsLong(report(m)), max, fmt, colour(m)));
        }
        return b.toString();
    }

    private static String colour(AccessMode m) {
        return switch (m) {
            case COPY -> COPY_COLOUR;
            case PROXY -> PROXY_COLOUR;
            case SHARE -> SHARE_COLOUR;
        };
    }

    /** One labelled bar; spaces between the parts keep "copy 260.5 ms" readable when styles are stripped. */
    private static String bar(String label, long value, long max, LongFunction<String> fmt, String colour) {
        double w = Math.max(2, BAR_MAX * (double) value / max);
        return String.format(Locale.ROOT, "<div style=\"display:flex;align-items:center;gap:8px;margin:3px 0\">"
                        + "<span style=\"display:inline-block;min-width:4em;color:#555\">%s</span> "
                        + "<span style=\"display:inline-block;width:%.1fpx;height:%dpx;border-radius:3px;"
                        + "background-color:%s\"></span> "
                        + "<span style=\"font-variant-numeric:tabular-nums\">%s</span></div>",
                label, w, BAR_HEIGHT, colour, Html.esc(fmt.apply(value)));
    }

    private String table() {
        boolean ratio = has(AccessMode.COPY) && has(AccessMode.SHARE);
        List<String> head = new ArrayList<>(List.of(""));
        comparison.modes().forEach(m -> head.add(m.label()));
        if (ratio) {
            head.add("copy ÷ share");
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("wall time", r -> Units.duration(r.wallNanos()), ratio ? Units.times(comparison.speedRatio()) : null));
        rows.add(row("per task", r -> Units.duration(Comparison.perTaskNanos(r)), ratio ? "" : null));
        rows.add(row("bytes copied", r -> Bytes.human(r.bytesCopied()), ratio ? Units.times(comparison.bytesRatio()) : null));
        if (has(AccessMode.PROXY)) {
            rows.add(row("bytes moved (proxy)", r -> Bytes.human(r.proxyBytes()), ratio ? "" : null));
            rows.add(row("proxy requests", r -> Units.count(r.proxyRequests()), ratio ? "" : null));
            rows.add(row("waiting for replies", r -> Units.duration(r.proxyWaitNanos()), ratio ? "" : null));
        }
        rows.add(row("bytes mapped", r -> Bytes.human(r.bytesMapped()), ratio ? "" : null));
        rows.add(row("overhead per task", r -> Units.duration(r.overheadPerTaskNanos()), ratio
                ? Units.times((double) report(AccessMode.COPY).overheadPerTaskNanos()
                / Math.max(1, report(AccessMode.SHARE).overheadPerTaskNanos())) : null));
        rows.add(row("speedup (run ÷ wall)", r -> Units.speedup(r.speedup()), ratio ? "" : null));
        return Html.table(head, rows);
    }

    private List<Object> row(String name, java.util.function.Function<JobReport, String> cell, String last) {
        List<Object> r = new ArrayList<>(List.of(name));
        comparison.modes().forEach(m -> r.add(cell.apply(report(m))));
        if (last != null) {
            r.add(last);
        }
        return r;
    }

    @Override
    public String toString() {
        StringBuilder modes = new StringBuilder();
        for (AccessMode m : comparison.modes()) {
            modes.append(modes.length() == 0 ? "" : " vs ").append(m.label());
        }
        return "compare " + name() + ": " + modes + "\n" + comparison;
    }
}
