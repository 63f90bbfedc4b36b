package dev.shmkit.magic;

import dev.shmkit.job.JobReport;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.TaskReport;
import dev.shmkit.pool.Comparison;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result cards as a reader sees them, trusted (HTML, text twin) and untrusted (sanitised HTML as text). */
class CardsTest {
    private static JobReport report(String name, long wallNanos, long copied, long mapped, int tasks) {
        List<TaskReport> t = IntStream.range(0, tasks).mapToObj(i -> new TaskReport(i, "rows", 1, 1, 0, 0, 0, 0,
                wallNanos / 2, 0, copied / tasks, mapped / tasks, 8)).toList();
        return new JobReport(name, 2, wallNanos, t);
    }

    private static CompareResult comparison() {
        return new CompareResult(new Comparison<>(
                new JobResult<>(List.of(1, 2), report("sum (copy)", 310_000_000, 32_000_000, 0, 2)),
                new JobResult<>(List.of(1, 2), report("sum (share)", 1_000_000, 1_000, 32_000_000, 2))));
    }

    @Test
    void shouldKeepTheComparisonChartReadableWhenAnUntrustedNotebookIsSanitised() {
        String html = comparison().toHtml();
        assertFalse(html.contains("<svg"), "no SVG: JupyterLab drops it from untrusted outputs");
        String text = UntrustedHtml.text(html);
        List<String> lines = List.of(text.split("\n"));
        assertTrue(lines.contains("Sharing was 310× faster and moved 32,000× fewer bytes than copying the table to every task."),
                text);
        assertTrue(lines.contains("wall time · copy ÷ share = 310×"), text);
        assertTrue(lines.contains("copy 310.0 ms") && lines.contains("share 1.0 ms"), text);
        assertTrue(lines.contains("bytes copied to workers · copy ÷ share = 32,000×"), text);
        assertTrue(lines.contains("copy 32.0 MB") && lines.contains("share 1.0 kB"), text);
        assertTrue(text.contains("speedup (run ÷ wall)\t1.00×\t1.00×"), text);
    }

    @Test
    void shouldFormatTheComparisonLikeTheReports() {
        CompareResult c = comparison();
        String t = c.toString();
        assertTrue(t.startsWith("compare job 'sum': copy vs share\n"), t);
        assertTrue(t.contains("310.0 ms") && t.contains("1.0 ms") && !t.contains("310,000"), "unit that fits: " + t);
        assertTrue(t.contains("both runs returned the same 2 values."), t);
        String card = UntrustedHtml.text(new JobReportCard(c.comparison().share().report()).toHtml());
        assertTrue(card.startsWith("job 'sum' (share)\n"), "the name once: " + card);
        assertTrue(card.contains("1.00×"), "speedup as in the comparison: " + card);
    }

    @Test
    void shouldShowTheProxyRunBesideCopyAndShare() {
        List<TaskReport> pt = IntStream.range(0, 2).mapToObj(i -> new TaskReport(i, "rows", 1, 1, 0, 0, 0, 0, 5_000_000, 0,
                0, 0, 8, 0, 50, 60_000, 4_000_000)).toList();
        JobReport proxy = new JobReport("sum (proxy)", 2, 12_000_000, pt);
        CompareResult c = new CompareResult(new Comparison<>(java.util.Map.of(
                dev.shmkit.job.AccessMode.COPY, new JobResult<>(List.of(1, 2), report("sum (copy)", 310_000_000, 32_000_000, 0, 2)),
                dev.shmkit.job.AccessMode.PROXY, new JobResult<>(List.of(1, 2), proxy),
                dev.shmkit.job.AccessMode.SHARE, new JobResult<>(List.of(1, 2), report("sum (share)", 1_000_000, 1_000, 32_000_000, 2))),
                null));
        String text = UntrustedHtml.text(c.toHtml());
        List<String> lines = List.of(text.split("\n"));
        assertTrue(lines.contains("Sharing was 310× faster and moved 32,000× fewer bytes than copying the table to every task;"
                + " the proxy was 26× faster than copying and 12× slower than sharing, with 100 requests moving 120 kB."), text);
        assertTrue(lines.contains("wall time · copy ÷ share = 310× · proxy ÷ share = 12×"), text);
        assertTrue(lines.contains("copy 310.0 ms") && lines.contains("proxy 12.0 ms") && lines.contains("share 1.0 ms"), text);
        assertTrue(lines.contains("proxy 120 kB"), "bytes sent by the proxy: " + text);
        assertTrue(text.contains("proxy requests\t0\t100\t0"), text);
        assertTrue(text.contains("waiting for replies\t0 ns\t8.0 ms\t0 ns"), text);
        String t = c.toString();
        assertTrue(t.startsWith("compare job 'sum': copy vs proxy vs share\n"), t);
        assertTrue(t.contains("all 3 runs returned the same 2 values."), t);
        String card = new JobResultCard(new JobResult<>(List.of(1, 2), proxy)).toString();
        assertTrue(card.endsWith(", proxy: requests=100 moved=120 kB wait=8.0 ms (80.0 µs/request))"), card);
    }

    @Test
    void shouldPreviewAJobResultsValuesWithTheirCountAndCost() {
        List<Integer> values = IntStream.range(0, 1_234).boxed().toList();
        JobResultCard card = new JobResultCard(new JobResult<>(values, report("job", 260_505_800, 0, 3_200_000, 8)));
        String t = card.toString();
        assertEquals("1,234 values of job: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 1,224 more] (8 tasks on 2 workers, wall"
                + " 260.5 ms, speedup 4.00×, copied 0 B, mapped 3.2 MB)", t);
        String untrusted = UntrustedHtml.text(card.toHtml());
        assertTrue(untrusted.startsWith("1,234 values of job (8 tasks on 2 workers, wall 260.5 ms"), untrusted);
        assertTrue(untrusted.contains("9\t9") && untrusted.contains("… and 1,224 more values"), untrusted);
        JobResultCard one = new JobResultCard(new JobResult<>(List.of("x".repeat(200)), report("one", 1_500, 0, 0, 1)));
        assertTrue(one.toString().startsWith("1 value of job 'one': [" + "x".repeat(79) + "…] (1 task on 2 workers,"
                + " wall 1.5 µs"), one.toString());
    }

    @Test
    void shouldShowResultBytesInlineAndThroughASegmentOnTheJobResultCard() {
        List<TaskReport> t = List.of(
                new TaskReport(0, "item 0", 1, 1, 0, 0, 0, 0, 1_000, 0, 9, 52_428_800, 20, 52_428_800, 0, 0, 0),
                new TaskReport(1, "item 1", 1, 1, 0, 0, 0, 0, 1_000, 0, 9, 0, 480, 0, 0, 0, 0));
        JobResult<Integer> r = new JobResult<>(List.of(1, 2), new JobReport("big", 1, 2_000, t));
        String card = new JobResultCard(r).toString();
        assertTrue(card.endsWith("mapped 52.4 MB, results inline 500 B + segment 52.4 MB (mapped))"), card);
        assertTrue(UntrustedHtml.text(new JobResultCard(r).toHtml()).contains("segment 52.4 MB (mapped)"));
        assertTrue(r.report().summary().endsWith("results: inline=500 B segment=52.4 MB (mapped)"), r.report().summary());
        String reportCard = UntrustedHtml.text(new JobReportCard(r.report()).toHtml());
        assertTrue(reportCard.contains("results: 500 B inline, 52.4 MB through result segments (mapped)"), reportCard);
        assertFalse(UntrustedHtml.text(new JobReportCard(report("small", 1_500, 0, 0, 1)).toHtml()).contains("results:"));
        String table = r.report().toString();
        assertTrue(table.contains("result B") && table.contains("segment") && table.contains("inline"), table);
        JobResultCard plain = new JobResultCard(new JobResult<>(List.of(1), report("small", 1_500, 0, 0, 1)));
        assertFalse(plain.toString().contains("segment"), plain.toString());
    }
}
