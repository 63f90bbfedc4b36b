package dev.shmkit.ship;

import dev.shmkit.testing.JJavaLikeEngine;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Lambdas typed in a JShell whose snippet loader is shaped like stock JJava's (it serves no class
 * bytes as resources; its delegate keeps them in a map) run on real worker JVMs.
 */
class JJavaLoaderShippingIT {
    private static JShell shell;
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @BeforeAll
    static void startShell() throws IOException {
        shell = JJavaLikeEngine.shell(JShellShippingIT.toolkitClasspath(), new PrintStream(OUT, true, StandardCharsets.UTF_8));
        eval("import dev.shmkit.pool.*; import dev.shmkit.job.*; import java.util.*;");
        eval("WorkerPool pool = WorkerPool.start(2);");
    }

    @AfterAll
    static void closeShell() {
        try {
            eval("pool.close();");
        } finally {
            shell.close();
        }
    }

    private static String eval(String src) {
        String value = null;
        for (SnippetEvent e : shell.eval(src)) {
            if (e.exception() != null) {
                String cls = e.exception() instanceof EvalException ee ? ee.getExceptionClassName() : "";
                fail("snippet threw " + cls + ": " + e.exception().getMessage() + "\n" + src + "\noutput:\n" + OUT);
            }
            if (e.status() == Snippet.Status.REJECTED) {
                fail("rejected: " + src + "\n" + shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
            value = e.value();
        }
        return value;
    }

    @Test
    void shouldServeNoBytesAsResourcesLikeJJava() {
        eval("class Probe {}");
        assertEquals("true", eval("Probe.class.getClassLoader().getResourceAsStream("
                + "Probe.class.getName().replace('.', '/') + \".class\") == null"));
        assertEquals("true", eval("Probe.class.getClassLoader().getClass().getName().endsWith(\"$Delegate$Loader\")"));
    }

    @Test
    void shouldRunJShellLambdaOnWorkers() {
        assertEquals("[1, 4, 9]", eval("pool.mapItems(List.of(1, 2, 3), x -> x * x).values()"));
    }

    @Test
    void shouldSnapshotVariablesAndFollowRedefinedMethods() {
        eval("int offset = 100;");
        eval("int shift(int x) { return x + offset; }");
        eval("record Pt(int x, int y) implements java.io.Serializable {}");
        assertEquals("[Pt[x=101, y=1], Pt[x=102, y=2]]", eval("pool.mapItems(List.of(1, 2), "
                + "(SerializableFunction<Integer,Pt>) x -> new Pt(shift(x), x)).values()"));
        eval("int shift(int x) { return x - offset; }");
        assertEquals("[Pt[x=-99, y=1]]", eval("pool.mapItems(List.of(1), "
                + "(SerializableFunction<Integer,Pt>) x -> new Pt(shift(x), x)).values()"));
    }
}
