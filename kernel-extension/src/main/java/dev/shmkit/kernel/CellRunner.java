package dev.shmkit.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates cell source in one JShell: splits it into snippets, runs them in order, turns a
 * rejected snippet into a {@link CompileException} with cell line numbers and a failing one into
 * a {@link CellException} carrying the live exception, and returns the live value of a final
 * expression.
 */
final class CellRunner implements AutoCloseable {
    private final CellExecutionControl exec = new CellExecutionControl();
    private final JShell shell;

    CellRunner(String classPath) {
        this.shell = JShell.builder()
                .executionEngine(new Provider(exec), Map.of())
                .out(System.out).err(System.err)
                .build();
        if (!classPath.isEmpty()) {
            shell.addToClasspath(classPath);
        }
    }

    private final java.util.Map<String, String> kept = new java.util.concurrent.ConcurrentHashMap<>();

    JShell shell() {
        return shell;
    }

    /** Runs the (magic-free) source of a cell; returns the value of a final expression, or null. */
    Object eval(String code) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        Object last = null;
        String rest = code;
        while (!rest.isBlank()) {
            int start = code.length() - rest.length() + leadingSpace(rest);
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                throw new CompileException(List.of("line " + lineOf(code, start)
                        + ": incomplete statement (missing ';', ')' or '}'?)", "    " + firstLine(rest.strip())));
            }
            rest = info.remaining();
            last = run(info.source(), code, start);
        }
        return last;
    }

    /**
     * Keeps a notebook variable (such as {@code space}) set: JShell re-declares a variable whose
     * snippet it re-analyses after a later import, resetting it to null, so the declaration is
     * run again whenever that happens.
     */
    void keepVariable(String name, String declaration) {
        kept.put(name, declaration);
    }

    private Object run(String source, String cell, int start) {
        Object value = null;
        List<String> reset = new ArrayList<>();
        for (SnippetEvent event : shell.eval(source)) {
            Object live = exec.takeResult(event.value());
            if (event.causeSnippet() != null) {
                if (event.snippet() instanceof VarSnippet v && kept.containsKey(v.name())
                        && event.status() == Snippet.Status.VALID) {
                    reset.add(kept.get(v.name()));
                }
                continue; // a dependent snippet updated as a consequence; not this cell's outcome
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompileException(diagnostics(snippet, cell, start));
            }
            if (event.exception() != null) {
                throw failure(event.exception());
            }
            value = isValue(snippet) ? live : null;
        }
        for (String declaration : reset) {
            shell.eval(declaration).forEach(e -> exec.takeResult(e.value()));
        }
        return value;
    }

    private static boolean isValue(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private RuntimeException failure(JShellException e) {
        Throwable live = exec.takeThrown();
        if (live != null && e instanceof EvalException) {
            return live instanceof CellInterruptedException ci ? ci : new CellException(live);
        }
        if (e instanceof UnresolvedReferenceException u) {
            return new CellException("UnresolvedReferenceException", "'" + u.getSnippet().source().strip()
                    + "' uses something that is not defined yet; define it in a cell and run again", e.getStackTrace());
        }
        String cls = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        return new CellException(cls, e.getMessage(), e.getStackTrace());
    }

    private List<String> diagnostics(Snippet snippet, String cell, int start) {
        List<String> lines = new ArrayList<>();
        String src = snippet.source();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(d -> {
            int pos = (int) Math.max(0, Math.min(d.getStartPosition(), src.length()));
            int line = lineOf(cell, start + pos);
            String message = String.join("\n", d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.strip().equals("location: class")).toList()); // JShell's wrapper class has no name
            lines.add("line " + line + ": " + message);
            lines.add("    " + lineText(src, pos).stripTrailing());
        });
        if (lines.isEmpty()) {
            lines.add("line " + lineOf(cell, start) + ": rejected: " + firstLine(src.strip()));
        }
        return lines;
    }

    /** 1-based line of a character offset in text. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String lineText(String src, int pos) {
        int from = src.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        int to = src.indexOf('\n', pos);
        return src.substring(from, to < 0 ? src.length() : to);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** JShell's snippet class loader; null until a snippet has been loaded. */
    ClassLoader snippetLoader() {
        return exec.snippetLoader();
    }

    /** Interrupts the running cell. */
    void interrupt() {
        exec.interruptAll();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Hands JShell our execution control instance. */
    private record Provider(CellExecutionControl exec) implements ExecutionControlProvider {
        @Override
        public String name() {
            return "shmkit-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return exec;
        }
    }
}
