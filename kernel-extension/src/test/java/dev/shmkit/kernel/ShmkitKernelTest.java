package dev.shmkit.kernel;

import dev.shmkit.memory.SpaceFullException;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import javax.tools.ToolProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShmkitKernelTest {
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    static ShmkitKernel kernel;

    @BeforeAll
    static void start() {
        kernel = RUNNING.kernel();
    }

    @Test
    void shouldKeepSpaceAndPoolWhenImportsChange() {
        Object space = kernel.evalRaw("space");
        Object pool = kernel.evalRaw("pool");
        assertNotNull(space);
        kernel.evalRaw("import dev.shmkit.memory.Bytes;\nimport dev.shmkit.object.*;");
        assertSame(space, kernel.evalRaw("space"), "an import must not reset the notebook's space");
        assertSame(pool, kernel.evalRaw("pool"), "an import must not reset the notebook's pool");
    }

    @Test
    void shouldReturnLiveValueOfFinalExpression() {
        kernel.evalRaw("int[] xs = {1, 2, 3};");
        Object v = kernel.evalRaw("int n = xs.length;\nxs");
        assertInstanceOf(int[].class, v);
        assertEquals(3, ((int[]) v).length);
        assertEquals(6, kernel.evalRaw("Arrays.stream(xs).sum()"));
    }

    @Test
    void shouldReturnNullForStatementsAndDeclarations() {
        assertNull(kernel.evalRaw("int declared = 5;"));
        assertNull(kernel.evalRaw("void noop() {}"));
        assertNull(kernel.evalRaw("System.out.print(\"\");"));
    }

    @Test
    void shouldImportTablesawAtStartup() {
        Object t = kernel.evalRaw("Table.create(\"t\", DoubleColumn.create(\"x\", 1.0, 2.0)).rowCount()");
        assertEquals(2, t);
    }

    @Test
    void shouldShowNothingForAFinalExpressionEndingInSemicolon() {
        assertEquals(7, kernel.evalRaw("3 + 4"));
        assertNull(kernel.evalRaw("3 + 4;"));
        assertNull(kernel.evalRaw("display(html(\"<i>x</i>\")); // shown as display data, not as its id"));
    }

    @Test
    void shouldReportCompileErrorWithCellLine() {
        CompileException e = assertThrows(CompileException.class,
                () -> kernel.evalRaw("int ok = 1;\nint bad = undefinedThing + 1;"));
        assertTrue(e.getMessage().startsWith("line 2: cannot find symbol"), e.getMessage());
        assertTrue(e.getMessage().contains("undefinedThing"), e.getMessage());
    }

    @Test
    void shouldReportRuntimeExceptionWithClassMessageAndTrimmedStack() {
        kernel.evalRaw("int divide(int a, int b) { return a / b; }");
        CellException e = assertThrows(CellException.class, () -> kernel.evalRaw("divide(1, 0)"));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        List<String> lines = kernel.formatError(e);
        assertEquals("java.lang.ArithmeticException: / by zero", lines.get(0));
        assertTrue(lines.get(1).startsWith("    at cell code ("), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("jdk.internal.reflect") || l.contains("CellExecutionControl")),
                lines.toString());
    }

    @Test
    void shouldShowOnlyTheMessageOfSelfExplainingErrors() {
        SpaceFullException full = new SpaceFullException(Path.of("/dev/shm/x/big.v1"), 1 << 30, 1 << 20, "tmpfs");
        List<String> lines = kernel.formatError(new CellException(full));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("dev.shmkit.memory.SpaceFullException: no room for segment big.v1"), lines.get(0));
        assertTrue(lines.get(0).contains("fix: remove entries (space.remove / %unshare)"), lines.get(0));
    }

    @Test
    void shouldKeepVariablesAcrossCellsAfterAFailure() {
        kernel.evalRaw("String kept = \"yes\";");
        assertThrows(CellException.class, () -> kernel.evalRaw("throw new IllegalStateException(\"boom\");"));
        assertEquals("yes", kernel.evalRaw("kept"));
    }

    @Test
    void shouldServeSnippetClassBytesOfACellLambda() throws Exception {
        kernel.evalRaw("java.util.function.IntUnaryOperator twice = x -> 2 * x;");
        Object f = kernel.evalRaw("twice");
        String lambdaClass = f.getClass().getName();
        assertTrue(lambdaClass.startsWith("REPL.$JShell$"), lambdaClass);
        String host = lambdaClass.substring(0, lambdaClass.indexOf("$$Lambda"));
        try (InputStream in = f.getClass().getClassLoader().getResourceAsStream(host.replace('.', '/') + ".class")) {
            assertNotNull(in, "snippet loader must serve " + host);
            byte[] bytes = in.readAllBytes();
            assertEquals(0xCAFEBABE, ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        }
    }

    @Test
    void shouldInterruptALongRunningCell() throws Exception {
        CompletableFuture<Throwable> run = RunningKernel.evalInBackground(kernel, "while (true) { Thread.sleep(50); }");
        Thread.sleep(500);
        kernel.interrupt();
        Throwable t = run.get(10, TimeUnit.SECONDS);
        assertInstanceOf(CellInterruptedException.class, t);
        assertEquals(3, kernel.evalRaw("1 + 2"));
    }

    @Test
    void shouldShowMagicReturnValue() {
        Object v = kernel.evalRaw("%classpath");
        assertInstanceOf(String.class, v);
        assertTrue(((String) v).startsWith("usage: %classpath"), (String) v);
    }

    @Test
    void shouldAddCompiledClassesAtRunTimeAndTellListeners(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package demo; public class Greeter { public static String hi() { return \"hi from a jar\"; } }");
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        List<List<Path>> heard = new ArrayList<>();
        kernel.classpath().onAdd(heard::add);
        Object reply = kernel.evalRaw("%classpath " + classes);
        assertTrue(String.valueOf(reply).startsWith("added 1 to the class path"), String.valueOf(reply));
        assertEquals("hi from a jar", kernel.evalRaw("demo.Greeter.hi()"));
        assertEquals(List.of(List.of(classes.toAbsolutePath())), heard);
        assertTrue(System.getProperty(KernelClasspath.PROPERTY).contains(classes.toString()));
        CellException missing = assertThrows(CellException.class, () -> kernel.evalRaw("%jars " + dir.resolve("none/*.jar")));
        assertTrue(CellErrors.unwrap(missing).getMessage().startsWith("no file matches"), missing.toString());
    }

    @Test
    void shouldTimeACell() {
        assertEquals(42, kernel.evalRaw("%%time\nint a = 40;\na + 2"));
    }

    @Test
    void shouldRenderHtmlWithPlainTwin() {
        DisplayData d = kernel.eval("html(\"<b>bold</b> &amp; more\")");
        assertEquals("<b>bold</b> &amp; more", d.getData(MIMEType.TEXT_HTML));
        assertEquals("bold & more", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void shouldCompleteAndCheckCompleteness() {
        String code = "String abc = \"\"; abc.toUpp";
        ReplacementOptions r = kernel.complete(code, code.length());
        assertNotNull(r);
        assertTrue(r.getReplacements().contains("toUpperCase("), r.getReplacements().toString());
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int q = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void shouldInspectWithSignature() {
        DisplayData d = kernel.inspect("Math.max(1, 2)", 9, false);
        assertNotNull(d);
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("max("), String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
    }
}
