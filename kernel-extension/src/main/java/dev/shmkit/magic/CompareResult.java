package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.job.JobReport;
import dev.shmkit.memory.Bytes;
import dev.shmkit.pool.Comparison;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * What {@code %%compare} shows: the ratio in one sentence, a bar chart of wall time and bytes copied
 * (copy run vs share run, each bar labelled with its number), and a side-by-side table of wall time,
 * bytes copied, bytes mapped, overhead per task and speedup. The chart is plain HTML, built as the
 * progress bars are (no SVG, no script), so it survives the sanitising of an untrusted notebook,
 * and its labels are separate words so that even stripped of all styling it reads as text.
 *
 * @param comparison the two measured runs
 */
public record CompareResult(Comparison<?> comparison) implements RichResult {
    static final String COPY_COLOUR = "#e45756";
    static final String SHARE_COLOUR = "#4c78a8";
    private static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif";
    /** Card width in px: as wide as the table under the chart. */
    private static final int WIDTH = 620;
    /** Length of the longest bar in px; the other is scaled to it. */
    private static final int BAR_MAX = 400;
    /** Bar thickness in px. */
    private static final int BAR_HEIGHT = 18;

    private JobReport copy() {
        return comparison.copy().report();
    }

    private JobReport share() {
        return comparison.share().report();
    }

    private String name() {
        return share().title().replace(" (share)", "");
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
        return String.format(Locale.ROOT, "%s: %s on %s, run twice: same task, same rows; only how the table"
                        + " reaches the task differs%s", name(), Units.count(share().tasks().size(), "task"),
                Units.count(share().workers(), "worker"),
                comparison.sameValues() ? " — both runs returned the same values"
                        : " — WARNING: the runs returned different values")
                + (comparison.excluded().isEmpty() ? "" : "; " + comparison.excluded());
    }

    /** Two panels (wall time, bytes copied), each a copy bar and a share bar on a shared linear scale. */
    String chart() {
        return "<div class=\"shmkit-bars\" role=\"img\" aria-label=\"" + Html.esc(comparison.sentence()) + "\">"
                + panel("wall time", copy().wallNanos(), share().wallNanos(), Units::duration, comparison.speedRatio())
                + panel("bytes copied to workers", copy().bytesCopied(), share().bytesCopied(), Bytes::human,
                comparison.bytesRatio())
                + "</div>";
    }

    private static String panel(String title, long copy, long share, LongFunction<String> fmt, double ratio) {
        long max = Math.max(1, Math.max(copy, share));
        return "<div style=\"font-weight:600;color:#333;margin:8px 0 4px\">" + Html.esc(title) + " · copy ÷ share = "
                + Html.esc(Units.times(ratio)) + "</div>"
                + bar("copy", copy, max, fmt, COPY_COLOUR) + bar("share", share, max, fmt, SHARE_COLOUR);
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
        JobReport c = copy();
        JobReport s = share();
        return Html.table(List.of("", "copy", "share", "copy ÷ share"), List.of(
                List.of("wall time", Units.duration(c.wallNanos()), Units.duration(s.wallNanos()),
                        Units.times(comparison.speedRatio())),
                List.of("bytes copied", Bytes.human(c.bytesCopied()), Bytes.human(s.bytesCopied()),
                        Units.times(comparison.bytesRatio())),
                List.of("bytes mapped", Bytes.human(c.bytesMapped()), Bytes.human(s.bytesMapped()), ""),
                List.of("overhead per task", Units.duration(c.overheadPerTaskNanos()),
                        Units.duration(s.overheadPerTaskNanos()),
                        Units.times((double) c.overheadPerTaskNanos() / Math.max(1, s.overheadPerTaskNanos()))),
                List.of("speedup (run ÷ wall)", Units.speedup(c.speedup()), Units.speedup(s.speedup()), "")));
    }

    @Override
    public String toString() {
        return "compare " + name() + ": copy vs share\n" + comparison;
    }
}
