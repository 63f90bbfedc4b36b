package dev.shmkit.testing;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A real JShell session (local engine) with the toolkit on its class path, as a notebook has. */
public final class JShellSession implements AutoCloseable {
    private final JShell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public JShellSession() throws IOException {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        shell = JShell.builder().executionEngine("local").out(ps).err(ps).build();
        Path target = Path.of("target").toAbsolutePath();
        List<String> cp = new ArrayList<>();
        cp.add(target.resolve("classes").toString());
        cp.addAll(List.of(Files.readString(target.resolve("classpath.txt")).trim().split(File.pathSeparator)));
        cp.forEach(shell::addToClasspath);
    }

    /** Evaluates snippets; returns the last value, throwing {@link AssertionError} on rejection or exception. */
    public String eval(String src) {
        String value = null;
        String rest = src;
        while (!rest.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            for (SnippetEvent e : shell.eval(info.source())) {
                if (e.exception() != null) {
                    throw new AssertionError("snippet threw: " + info.source() + "\n" + describe(e.exception()), e.exception());
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new AssertionError("rejected: " + info.source() + "\n" + shell.diagnostics(e.snippet())
                            .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
                }
                value = e.value();
            }
            rest = info.remaining();
        }
        return value;
    }

    /** Evaluates a snippet expected to throw; returns the exception's message (with JShell's class name). */
    public String evalFailing(String src) {
        for (SnippetEvent e : shell.eval(src)) {
            if (e.exception() != null) {
                return describe(e.exception());
            }
        }
        throw new AssertionError("expected an exception from: " + src);
    }

    private static String describe(Throwable t) {
        String cls = t instanceof jdk.jshell.EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
        return cls + ": " + t.getMessage();
    }

    public String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        shell.close();
    }
}
