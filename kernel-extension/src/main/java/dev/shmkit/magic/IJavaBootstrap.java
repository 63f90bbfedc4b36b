package dev.shmkit.magic;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Adds shmkit's magics to a stock IJava kernel, which has no extension mechanism. In IJava's
 * kernel.json: {@code "IJAVA_CLASSPATH": "/abs/lib/*"} and
 * {@code "IJAVA_STARTUP_SCRIPT": "dev.shmkit.magic.IJavaBootstrap.install();"}. IJava's own classes
 * are not on Maven Central, so they are reached by reflection; IJava drops magic return values,
 * so results are displayed.
 */
public final class IJavaBootstrap {
    private IJavaBootstrap() {
    }

    /**
     * Registers {@code %share}, {@code %unshare}, {@code %space}, {@code %workers}, {@code %%compare} and
     * {@code %%time} with the running IJava kernel, imports what shmkit's kernel imports
     * ({@link NotebookImports}) and defines {@code space} and {@code pool}.
     */
    public static void install() throws ReflectiveOperationException {
        BaseKernel kernel = (BaseKernel) Class.forName("io.github.spencerpark.ijava.IJava")
                .getMethod("getKernelInstance").invoke(null);
        Magics magics = (Magics) kernel.getClass().getMethod("getMagics").invoke(kernel);
        Method evalRaw = kernel.getClass().getMethod("evalRaw", String.class);
        Function<String, Object> lookup = src -> call(evalRaw, kernel, src);
        NotebookSpaces.openInBackground();
        magics.registerLineMagic("share", args -> show(kernel, SpaceMagics.share(args, lookup)));
        magics.registerLineMagic("unshare", args -> show(kernel, SpaceMagics.unshare(args)));
        magics.registerLineMagic("space", args -> show(kernel, SpaceMagics.space(args)));
        magics.registerLineMagic("workers", args -> show(kernel, PoolMagics.workers(args)));
        magics.registerCellMagic("compare", (args, body) -> show(kernel, PoolMagics.compare(args, body, lookup)));
        magics.registerCellMagic("time", (args, body) -> time(kernel, body, lookup));  // IJava has no %%time
        NotebookPool.showProgress(new ProgressBars(new ProgressBars.Sink() {
            @Override
            public void display(org.dflib.jjava.jupyter.kernel.display.DisplayData data) {
                kernel.display(ijava(data));
            }

            @Override
            public void update(String id, org.dflib.jjava.jupyter.kernel.display.DisplayData data) {
                kernel.getIO().display.updateDisplay(id, ijava(data));
            }
        }));
        for (String snippet : NotebookImports.snippets(IJavaBootstrap.class.getClassLoader())) {
            lookup.apply(snippet);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            NotebookPool.close();
            NotebookSpaces.closeAll();
        }, "shmkit-ijava-spaces"));
        lookup.apply(ShmkitExtension.SPACE_VARIABLE);
        lookup.apply(ShmkitExtension.POOL_VARIABLE);
    }

    /** {@code %%time}: runs the body, prints its wall time and displays its value (IJava drops magic results). */
    private static Object time(BaseKernel kernel, String body, Function<String, Object> eval) {
        Object value = CellTime.timed(() -> eval.apply(body));
        if (value != null) {
            kernel.display(kernel.getRenderer().render(value));
        }
        return null;
    }

    /** IJava's display bundle for one of the progress bars' (text, HTML and display id: what they carry). */
    private static DisplayData ijava(org.dflib.jjava.jupyter.kernel.display.DisplayData data) {
        DisplayData d = new DisplayData(String.valueOf(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
        Object html = data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
        if (html != null) {
            d.putHTML(String.valueOf(html));
        }
        if (data.hasDisplayId()) {
            d.setDisplayId(data.getDisplayId());
        }
        return d;
    }

    private static Object show(BaseKernel kernel, RichResult result) {
        DisplayData d = new DisplayData(result.toString());
        d.putHTML(result.toHtml());
        kernel.display(d);
        return null;
    }

    private static Object call(Method evalRaw, BaseKernel kernel, String src) {
        try {
            return evalRaw.invoke(kernel, src);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call IJava's evalRaw: " + e, e);
        }
    }
}
