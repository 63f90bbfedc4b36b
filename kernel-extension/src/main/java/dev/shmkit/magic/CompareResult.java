package dev.shmkit.magic;

import dev.shmkit.pool.Comparison;
import dev.shmkit.job.JobReport;
import dev.shmkit.memory.Bytes;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * What {@code %%compare} shows: the ratio in one sentence, an inline SVG bar chart of wall time
 * and bytes copied (copy run vs share run, each bar labelled with its number), and a side-by-side
 * table of wall time, bytes copied, bytes mapped, overhead per task and speedup.
 *
 * @param comparison the two measured runs
 */
public record CompareResult(Comparison<?> comparison) implements RichResult {
    static final String COPY_COLOUR = "#e45756";
    static final String SHARE_COLOUR = "#4c78a8";
    private static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif";
    private static final int WIDTH = 620;
    private static final int LABEL = 64;
    private static final int BAR_MAX = 400;
    private static final int BAR_HEIGHT = 22;

    private JobReport copy() {
        return comparison.copy().report();
    }

    private JobReport share() {
        return comparison.share().report();
    }

    @Override
    public String toHtml() {
        String s = comparison.sentence();
        String headline = Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
        return "<div class=\"shmkit-compare\" style=\"font:14px " + FONT + ";color:#222;max-width:" + WIDTH + "px\">"
                + "<div style=\"font-size:17px;font-weight:600;margin:4px 0 2px\">" + Html.esc(headline) + "</div>"
                + "<div style=\"color:#666;font-size:12px;margin-bottom:8px\">" + Html.esc(subtitle()) + "</div>"
                + svg() + table() + "</div>";
    }

    private String subtitle() {
        return String.format(Locale.ROOT, "%d tasks on %d workers, run twice: same task, same rows; only how the table"
                        + " reaches the task differs%s", share().tasks().size(), share().workers(),
                comparison.sameValues() ? " — both runs returned the same values"
                        : " — WARNING: the runs returned different values")
                + (comparison.excluded().isEmpty() ? "" : "; " + comparison.excluded());
    }

    /** Two panels (wall time, bytes copied), each a copy bar and a share bar on a shared linear scale. */
    String svg() {
        StringBuilder b = new StringBuilder();
        int y = 0;
        y = panel(b, y, "wall time", copy().wallNanos(), share().wallNanos(), Comparison::ms, comparison.speedRatio());
        y = panel(b, y + 10, "bytes copied to workers", copy().bytesCopied(), share().bytesCopied(), Bytes::human,
                comparison.bytesRatio());
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + WIDTH + "\" height=\"" + y
                + "\" viewBox=\"0 0 " + WIDTH + " " + y + "\" font-family=\"" + FONT.replace("'", "")
                + "\" font-size=\"12\"><title>" + Html.esc(comparison.sentence()) + "</title>" + b + "</svg>";
    }

    private static int panel(StringBuilder b, int y, String title, long copy, long share, LongFunction<String> fmt,
                             double ratio) {
        b.append(text(0, y + 14, "font-weight=\"600\" fill=\"#333\"", title + "  ·  " + Comparison.times(ratio)));
        y += 22;
        long max = Math.max(1, Math.max(copy, share));
        y = bar(b, y, "copy", copy, max, fmt, COPY_COLOUR);
        return bar(b, y, "share", share, max, fmt, SHARE_COLOUR);
    }

    private static int bar(StringBuilder b, int y, String label, long value, long max, LongFunction<String> fmt,
                           String colour) {
        double w = Math.max(2, BAR_MAX * (double) value / max);
        b.append(text(0, y + 15, "fill=\"#555\"", label));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>",
                LABEL, y, w, BAR_HEIGHT, colour));
        b.append(text((int) (LABEL + w + 8), y + 15, "fill=\"#222\" style=\"font-variant-numeric:tabular-nums\"",
                fmt.apply(value)));
        return y + BAR_HEIGHT + 6;
    }

    private static String text(int x, int y, String attrs, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" " + attrs + ">" + Html.esc(s) + "</text>";
    }

    private String table() {
        JobReport c = copy();
        JobReport s = share();
        return Html.table(List.of("", "copy", "share", "copy ÷ share"), List.of(
                List.of("wall time", Comparison.ms(c.wallNanos()), Comparison.ms(s.wallNanos()), Comparison.times(comparison.speedRatio())),
                List.of("bytes copied", Bytes.human(c.bytesCopied()), Bytes.human(s.bytesCopied()), Comparison.times(comparison.bytesRatio())),
                List.of("bytes mapped", Bytes.human(c.bytesMapped()), Bytes.human(s.bytesMapped()), ""),
                List.of("overhead per task", Comparison.us(c.overheadPerTaskNanos()), Comparison.us(s.overheadPerTaskNanos()),
                        Comparison.times((double) c.overheadPerTaskNanos() / Math.max(1, s.overheadPerTaskNanos()))),
                List.of("speedup (run ÷ wall)", String.format(Locale.ROOT, "%.2f", c.speedup()),
                        String.format(Locale.ROOT, "%.2f", s.speedup()), "")));
    }

    @Override
    public String toString() {
        return "compare job '" + share().name().replace(" (share)", "") + "': copy vs share\n" + comparison;
    }
}
