package dev.shmkit.ship;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Lambdas typed in a real JShell session (local engine) run on real worker JVMs. */
class JShellShippingIT {
    private static JShell shell;
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @BeforeAll
    static void startShell() throws IOException {
        PrintStream ps = new PrintStream(OUT, true, StandardCharsets.UTF_8);
        shell = JShell.builder().executionEngine("local").out(ps).err(ps).build();
        for (String entry : toolkitClasspath()) {
            shell.addToClasspath(entry);
        }
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

    /** target/classes plus the dependency class path the build wrote. */
    static List<String> toolkitClasspath() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String deps = Files.readString(target.resolve("classpath.txt")).trim();
        List<String> cp = new java.util.ArrayList<>();
        cp.add(target.resolve("classes").toString());
        cp.addAll(List.of(deps.split(File.pathSeparator)));
        return cp;
    }

    /** Evaluates one snippet; returns its value, or throws the snippet's exception. */
    static String eval(String src) {
        List<SnippetEvent> events = shell.eval(src);
        String value = null;
        for (SnippetEvent e : events) {
            if (e.exception() != null) {
                throw new SnippetFailed(e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED) {
                fail("rejected: " + src + "\n" + shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
            value = e.value();
        }
        return value;
    }

    static final class SnippetFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String className;

        SnippetFailed(Exception e) {
            super(e.getMessage(), e);
            this.className = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        }
    }

    static SnippetFailed evalFails(String src) {
        try {
            eval(src);
        } catch (SnippetFailed e) {
            return e;
        }
        throw new AssertionError("snippet did not fail: " + src);
    }

    @Test
    void shouldSnapshotTopLevelVariableReadByLambda() {
        eval("int k = 5;");
        assertEquals("[6, 7, 8]", eval("pool.mapItems(List.of(1, 2, 3), (SerializableFunction<Integer,Integer>) x -> x + k).values()"));
        eval("k = 10;");
        assertEquals("[11, 12, 13]", eval("pool.mapItems(List.of(1, 2, 3), (SerializableFunction<Integer,Integer>) x -> x + k).values()"));
    }

    @Test
    void shouldShipSnippetMethodsAndClassesAndFollowRedefinition() {
        eval("int offset = 100;");
        eval("int shift(int x) { return x + offset; }");
        eval("record Pt(int x, int y) implements java.io.Serializable {}");
        assertEquals("[Pt[x=101, y=1], Pt[x=102, y=2]]", eval("pool.mapItems(List.of(1, 2), "
                + "(SerializableFunction<Integer,Pt>) x -> new Pt(shift(x), x)).values()"));
        eval("int shift(int x) { return x - offset; }");
        assertEquals("[Pt[x=-99, y=1]]", eval("pool.mapItems(List.of(1), "
                + "(SerializableFunction<Integer,Pt>) x -> new Pt(shift(x), x)).values()"));
    }

    @Test
    void shouldShipATopLevelSharedArrayByIdThatWorkersWriteInPlace() throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "shmkit-jshell-array-");
        try {
            eval("var arrays = dev.shmkit.space.SharedSpace.open(dev.shmkit.space.SpaceOptions.directory(java.nio.file.Path.of(\""
                    + dir + "\")));");
            eval("var counts = arrays.allocateLongs(\"counts\", 4);");
            eval("pool.mapItems(List.of(0, 1, 2, 3, 4, 5, 6, 7), (SerializableFunction<Integer,Long>) i -> counts.addAndGet(i % 4, 1),"
                    + " JobOptions.defaults().chunkSize(1)).values()");
            assertEquals("2", eval("counts.get(3)"), "the workers added into the parent's pages, not into a copy");
        } finally {
            eval("arrays.close();");
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldRefuseLargeVariableBeforeRunning() {
        eval("int[] big = new int[5_000_000];");
        SnippetFailed e = evalFails("pool.mapItems(List.of(1), (SerializableFunction<Integer,Integer>) x -> big.length)");
        assertEquals(ShippingRefusedException.class.getName(), e.className);
        assertTrue(e.getMessage().contains("'big'"), e.getMessage());
        assertTrue(e.getMessage().contains("type=int[]"), e.getMessage());
        assertTrue(e.getMessage().contains("%share big as big"), e.getMessage());
    }

    @Test
    void shouldRefuseThreadVariable() {
        eval("Thread t = new Thread(() -> {});");
        SnippetFailed e = evalFails("pool.mapItems(List.of(1), (SerializableFunction<Integer,String>) x -> t.getName())");
        assertEquals(ShippingRefusedException.class.getName(), e.className);
        assertTrue(e.getMessage().contains("'t'"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertNotNull(eval("pool.workers()"));
    }
}
