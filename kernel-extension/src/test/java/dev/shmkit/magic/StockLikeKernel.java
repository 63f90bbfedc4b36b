package dev.shmkit.magic;

import dev.shmkit.testing.JJavaLikeEngine;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in for stock JJava 1.0-a6's {@code JavaKernel}, which is not on Maven Central: the same
 * base kernel and magic transpiler (results dropped by {@code ;{};}), a JShell whose loader is
 * shaped like JJava's ({@link JJavaLikeEngine}: no class bytes as resources), JJava's
 * {@code CodeEvaluator} wrapping of a snippet's exception, {@code BaseKernel}'s stack-trace
 * {@code formatError}, and {@code addToClasspath} adding jars to JShell and then loading the
 * extensions in them through {@code URLClassLoader(jars, snippetLoader)}, as JJava does for
 * {@code JJAVA_CLASSPATH} and {@code %classpath}.
 */
final class StockLikeKernel extends BaseKernel {
    private final JJavaLikeEngine engine = new JJavaLikeEngine();
    private final JShell shell;

    StockLikeKernel(PrintStream out) {
        super("jjava-like", "1.0-a6", new LanguageInfo.Builder("Java").build(), List.of(), null,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(), true,
                new StringStyler.Builder().build());
        shell = JShell.builder().executionEngine(engine, java.util.Map.of()).out(out).err(out).build();
    }

    /** JJava's JavaKernel.addToClasspath: the jars go to JShell, then their extensions are installed. */
    void addToClasspath(List<String> entries) {
        entries.forEach(shell::addToClasspath);
        installExtensions(String.join(File.pathSeparator, entries));
    }

    @Override
    protected ClassLoader getClassLoader() {
        return engine.loader();
    }

    /** JJava's CodeEvaluator: snippets one by one; a snippet's exception wrapped as {@code "<class>, <message>"}. */
    @Override
    public Object evalRaw(String source) {
        Object result = null;
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(magicParser.resolveMagics(source));
        while (info.completeness().isComplete()) {
            result = evalSingle(info.source());
            info = shell.sourceCodeAnalysis().analyzeCompletion(info.remaining());
        }
        return result;
    }

    private Object evalSingle(String code) {
        Object result = null;
        for (SnippetEvent event : shell.eval(code)) {
            if (event.causeSnippet() != null) {
                continue;
            }
            JShellException e = event.exception();
            if (e instanceof EvalException ee) {
                throw new RuntimeException(ee.getExceptionClassName() + ", " + e.getMessage(), e);
            } else if (e != null) {
                throw new RuntimeException(e);
            }
            if (!event.status().isDefined()) {
                throw new IllegalStateException("rejected: " + code + "\n" + shell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("\n")));
            }
            Object value = engine.takeLastValue();
            switch (event.snippet().subKind()) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> result = value;
                default -> result = null;
            }
        }
        return result;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_YES;
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        shell.close();
    }
}
