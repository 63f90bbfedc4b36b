package dev.shmkit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --compare FILE}: sets each figure of this run beside the same figure (workload, variant,
 * metric) of a saved run's JSON lines, with the ratio new ÷ old, so a change is judged on one machine
 * in one sitting. Figures only one of the runs has are listed as such.
 */
final class BenchCompare {
    private static final Pattern LINE = Pattern.compile(
            "\\{\"workload\":\"([^\"]*)\",\"variant\":\"([^\"]*)\",\"metric\":\"([^\"]*)\",\"value\":([^,]+),\"n\":(-?\\d+)}");

    private BenchCompare() {
    }

    /** Figures of JSON lines, by "workload / variant / metric", in order; other lines are skipped. */
    static Map<String, Double> parse(List<String> lines) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l.trim());
            if (m.matches()) {
                out.put(m.group(1) + " / " + m.group(2) + " / " + m.group(3), Double.parseDouble(m.group(4)));
            }
        }
        return out;
    }

    /** Reads a saved run; a file without a single figure is refused with the expected format. */
    static Map<String, Double> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--compare file=" + file + " is not readable: " + e, e);
        }
        Map<String, Double> figures = parse(lines);
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("--compare file=" + file + " holds no benchmark JSON lines (save a run's"
                    + " stdout: ./shmkit bench jobs > before.jsonl)");
        }
        return figures;
    }

    /** The comparison table: figure, before, now, now ÷ before. */
    static List<String> table(Map<String, Double> before, Map<String, Double> now) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-58s %14s %14s %9s", "figure", "before", "now", "now/before"));
        for (Map.Entry<String, Double> e : now.entrySet()) {
            Double b = before.get(e.getKey());
            out.add(String.format(Locale.ROOT, "%-58s %14s %14.6g %9s", e.getKey(), b == null ? "-" : String.format(Locale.ROOT,
                    "%.6g", b), e.getValue(), b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.3f", e.getValue() / b)));
        }
        for (Map.Entry<String, Double> e : before.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                out.add(String.format(Locale.ROOT, "%-58s %14.6g %14s %9s", e.getKey(), e.getValue(), "-", "-"));
            }
        }
        return out;
    }

    /** Captures what {@code body} prints on stdout (still printing it), then prints the table on {@code to}. */
    static void around(Path previous, PrintStream to, ThrowingRunnable body) throws Exception {
        Map<String, Double> before = read(previous);
        PrintStream original = System.out;
        List<String> lines = new ArrayList<>();
        PrintStream tee = new PrintStream(original, true) {
            @Override
            public void println(String x) {
                lines.add(x);
                super.println(x);
            }
        };
        System.setOut(tee);
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        to.println("compared with " + previous + ":");
        table(before, parse(lines)).forEach(to::println);
    }

    /** A benchmark's main. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
