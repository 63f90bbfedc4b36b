package dev.shmkit.magic;

import dev.shmkit.kernel.SpaceDirPerClass;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension in a kernel that behaves like stock JJava 1.0-a6 ({@link StockLikeKernel}): loaded
 * from the jars a user puts on {@code JJAVA_CLASSPATH}, it runs jobs whose lambdas were typed in
 * cells (the snippet loader serves no class bytes), brings the default imports and {@code %%time},
 * and shows shmkit's failures as their message.
 */
class StockJJavaExtensionIT {
    @RegisterExtension
    static final SpaceDirPerClass SPACE_DIR = new SpaceDirPerClass();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static StockLikeKernel kernel;

    @BeforeAll
    static void start() throws IOException {
        System.setProperty(SpaceOptions.DIR_PROPERTY, SPACE_DIR.directory().toString());
        kernel = new StockLikeKernel(new PrintStream(OUT, true, StandardCharsets.UTF_8));
        kernel.onStartup();
        kernel.addToClasspath(jjavaClasspath());
    }

    @AfterAll
    static void stop() {
        List<ProcessHandle> workers = ProcessHandle.current().children().toList();
        try {
            kernel.onShutdown(false);
            CompletableFuture.allOf(workers.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
            assertEquals(List.of(), workers.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                    "worker JVMs alive 20 s after the kernel shut down");
        } finally {
            System.clearProperty(SpaceOptions.DIR_PROPERTY);
        }
    }

    /** README's recipe: {@code target/lib/*} and the extension jar (package ran before the ITs). */
    private static List<String> jjavaClasspath() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> cp = new ArrayList<>();
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            jars.map(Path::toString).sorted().forEach(cp::add);
        }
        try (Stream<Path> own = Files.list(target)) {
            own.filter(p -> p.getFileName().toString().matches("shmkit-kernel-extension-.*\\.jar"))
                    .map(Path::toString).forEach(cp::add);
        }
        return cp;
    }

    @Test
    void shouldRunJobWithCellLambdaFromSnippetLoaderThatServesNoBytes() {
        kernel.evalRaw("class Probe {}");
        assertEquals(true, kernel.evalRaw("Probe.class.getClassLoader().getResourceAsStream("
                + "Probe.class.getName().replace('.', '/') + \".class\") == null"));
        assertEquals(List.of(1, 4, 9), kernel.evalRaw("pool.mapItems(List.of(1, 2, 3), x -> x * x).values()"));
    }

    @Test
    void shouldShareAndMapWithDefaultImports() {
        kernel.evalRaw("Table df = Table.create(\"t\", DoubleColumn.create(\"x0\", 1.0, 2.0, 3.0, 4.0));");
        kernel.evalRaw("%share df as stockbig");
        kernel.evalRaw("RowTask<Double> sum = (view, rows) -> view.doubleColumn(\"x0\").sum(rows.from(), rows.to());");
        Object total = kernel.evalRaw("pool.map(space.table(\"stockbig\"), sum, JobOptions.defaults().chunkCount(2))"
                + ".values().stream().mapToDouble(d -> d).sum()");
        assertEquals(10.0, total);
        assertInstanceOf(SharedSpace.class, kernel.evalRaw("space"));
        kernel.evalRaw("%unshare stockbig");
    }

    @Test
    void shouldTimeCellsWhenTheKernelHasNoTimeMagic() {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            kernel.evalRaw("%%time\nint timed = 6 * 7;");
        } finally {
            System.setOut(before);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).matches("(?s)Wall time: \\d+\\.\\d ms\\R"), captured.toString());
        assertEquals(42, kernel.evalRaw("timed"));
    }

    @Test
    void shouldShowMagicFailureAsItsMessageAlone() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kernel.evalRaw("%share nosuch as x"));
        List<String> lines = kernel.formatError(e);
        String shown = String.join("\n", lines);
        assertTrue(lines.get(1).startsWith("%share: unknown variable 'nosuch'"), shown);
        assertFalse(shown.contains("\tat "), shown);
        assertFalse(shown.contains("Exception occurred while running"), shown);
    }

    @Test
    void shouldShowShmkitExceptionFromCellAsClassAndMessage() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kernel.evalRaw("space.table(\"no-such-entry\")"));
        List<String> lines = kernel.formatError(e);
        String shown = String.join("\n", lines);
        assertTrue(lines.get(1).matches("\\w+Exception: .*no-such-entry.*"), shown);
        assertFalse(shown.contains("\tat "), shown);
        assertFalse(shown.contains("java.lang.RuntimeException"), shown);
    }

    @Test
    void shouldLeaveOtherFailuresAsTheKernelShowsThem() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kernel.evalRaw("Object o = null; o.hashCode()"));
        String shown = String.join("\n", kernel.formatError(e));
        assertTrue(shown.contains("java.lang.RuntimeException: java.lang.NullPointerException"), shown);
        assertTrue(shown.contains("\tat "), shown);
    }
}
