package dev.shmkit.kernel;

import dev.shmkit.job.JobResult;
import dev.shmkit.magic.JobResultCard;
import dev.shmkit.magic.KeepsVariables;
import dev.shmkit.magic.MagicResultsShown;
import dev.shmkit.magic.NotebookPool;
import dev.shmkit.magic.RichResult;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * shmkit's Jupyter kernel: Java cells in an in-process JShell whose snippet classes stay readable
 * as bytes (for shipping lambdas to worker JVMs), interruptible cells, magics from JJava's
 * registry (their return value is the cell result), and JJava extensions found by ServiceLoader.
 *
 * <p>Test without Jupyter: {@code k = new ShmkitKernel(); k.onStartup(); k.evalRaw("1 + 1")}.
 */
public class ShmkitKernel extends BaseKernel implements MagicResultsShown, KeepsVariables {
    /** Kernel version reported to Jupyter. */
    public static final String VERSION = "0.1.0";
    /** JJava's magic syntax: a line magic at a line start or after '=', a cell magic on the first line. */
    private static final String LINE_MAGIC = "(?<=(?:^|=))\\s*%";

    private final CellRunner runner;
    private final CodeAssist assist;
    private final KernelClasspath classpath;
    private final CellHistory history;

    /** A kernel whose cells see this JVM's class path (kernel, toolkit, Tablesaw). */
    public ShmkitKernel() {
        this(new CellHistory());
    }

    private ShmkitKernel(CellHistory history) {
        super("shmkit", VERSION, language(), HelpLinks.all(),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser(LINE_MAGIC, "%%", new ReturningMagicTranspiler()), new MagicsRegistry(), true,
                new StringStyler.Builder().build());
        this.history = history;
        this.runner = new CellRunner(CellClassPath.forCells(System.getProperty("java.class.path", "")));
        this.assist = new CodeAssist(runner.shell().sourceCodeAnalysis());
        this.classpath = new KernelClasspath(runner.shell(), this::installExtensions);
        classpath.onAdd(NotebookPool::addClasspath);  // jars added at run time reach the workers too
        KernelMagics.register(this);
        registerRenderers();
    }

    /** Cards instead of {@code toString()}: a job's result and every shmkit result a cell ends with. */
    private void registerRenderers() {
        getRenderer().createRegistration(JobResult.class).preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((r, ctx) -> render(new JobResultCard(r), ctx));
        getRenderer().createRegistration(RichResult.class).preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register(ShmkitKernel::render);
    }

    private static void render(RichResult r, RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.TEXT_HTML, r::toHtml);
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, r::toString);
    }

    private static LanguageInfo language() {
        return new LanguageInfo.Builder("Java").version(Runtime.version().toString())
                .mimetype("text/x-java-source").fileExtension(".jshell")
                .pygments("java").codemirror("java").build();
    }

    /** Keeps notebook variable {@code name} set by re-running {@code declaration} if JShell resets it. */
    @Override
    public void keepVariable(String name, String declaration) {
        runner.keepVariable(name, declaration);
    }

    /** Runs the startup imports, then installs the extensions on the class path (shmkit's magics among them). */
    @Override
    public void onStartup() {
        for (String snippet : StartupSnippets.all()) {
            runner.eval(snippet);
        }
        super.onStartup();
    }

    @Override
    public void onShutdown(boolean restarting) {
        super.onShutdown(restarting);
        runner.close();
    }

    /** Jars added at run time ({@code %classpath}); listeners learn about each addition. */
    public KernelClasspath classpath() {
        return classpath;
    }

    /**
     * Runs a cell; returns the live value of its final expression. As in IPython, a final
     * expression followed by {@code ;} shows nothing ({@code display(x);} returns a display id).
     */
    @Override
    public Object evalRaw(String source) {
        Object value = runner.eval(magicParser.resolveMagics(source));
        return endsWithSemicolon(source) ? null : value;
    }

    private static boolean endsWithSemicolon(String source) {
        String s = source.strip();
        int nl = s.lastIndexOf('\n');
        String last = s.substring(nl + 1);
        int comment = last.indexOf("//");
        if (comment >= 0 && last.substring(0, comment).chars().filter(c -> c == '"').count() % 2 == 0) {
            last = last.substring(0, comment); // a trailing comment, not "//" inside a string
        }
        return last.stripTrailing().endsWith(";");
    }

    /** Answers with the cells of this session ({@link CellHistory#reply}); JupyterLab asks when it connects. */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        env.reply(history.reply(message.getContent()));
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return assist.inspect(code, at, extraDetail);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return assist.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        try {
            return assist.isComplete(magicParser.resolveMagics(code));
        } catch (RuntimeException e) {
            return IS_COMPLETE_BAD;
        }
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }

    /** Snippet class loader (JShell's), so extensions and cells share one set of classes. */
    @Override
    protected ClassLoader getClassLoader() {
        ClassLoader loader = runner.snippetLoader();
        return loader != null ? loader : super.getClassLoader();
    }

    @Override
    public List<String> formatError(Throwable e) {
        return CellErrors.lines(e);
    }

    /**
     * As BaseKernel's, but a failing cell raises what the cell itself threw (not the kernel's
     * wrapper), so that Jupyter's {@code ename} names the user's exception class.
     */
    @Override
    public DisplayData eval(String expr) {
        history.add(executionCount.get() - 1, expr);  // the execute request counted this cell before calling eval
        try {
            return super.eval(expr);
        } catch (RuntimeException e) {
            Throwable t = CellErrors.unwrap(e);
            throw t instanceof Exception ex ? CellErrors.<RuntimeException>sneaky(ex) : e;
        }
    }
}
