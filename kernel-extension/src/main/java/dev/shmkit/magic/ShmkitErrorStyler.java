package dev.shmkit.magic;

import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel's error styler with shmkit's failures shown as their message alone ({@link CleanErrors}):
 * stock JJava's {@code formatError} prints a failing cell's stack trace through
 * {@link #secondaryLines}, the only hook an extension can reach. Everything else is the kernel's
 * own styler's output.
 */
final class ShmkitErrorStyler extends StringStyler {
    private final StringStyler kernels;
    private final CleanErrors clean;

    ShmkitErrorStyler(StringStyler kernels, CleanErrors clean) {
        super("", "", "", null);
        this.kernels = kernels;
        this.clean = clean;
    }

    @Override
    public List<String> secondaryLines(String src) {
        List<String> cleaned = clean.clean(src);
        if (cleaned == null) {
            return kernels.secondaryLines(src);
        }
        List<String> out = new ArrayList<>();
        for (String line : cleaned) {
            out.add(kernels.secondary(line));
        }
        return out;
    }

    @Override
    public String primary(String src) {
        return kernels.primary(src);
    }

    @Override
    public String secondary(String src) {
        return kernels.secondary(src);
    }

    @Override
    public String highlight(String src) {
        return kernels.highlight(src);
    }

    @Override
    public String highlightSubstring(String src, int start, int end) {
        return kernels.highlightSubstring(src, start, end);
    }

    @Override
    public String primaryLine(int lineNum, String line) {
        return kernels.primaryLine(lineNum, line);
    }

    @Override
    public String secondaryLine(int lineNum, String line) {
        return kernels.secondaryLine(lineNum, line);
    }

    @Override
    public String highlightLine(int lineNum, String line) {
        return kernels.highlightLine(lineNum, line);
    }

    @Override
    public List<String> primaryLines(String src) {
        return kernels.primaryLines(src);
    }

    @Override
    public List<String> highlightLines(String src) {
        return kernels.highlightLines(src);
    }

    @Override
    public List<String> highlightSubstringLines(String src, int start, int end) {
        return kernels.highlightSubstringLines(src, start, end);
    }
}
