package dev.shmkit.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.lang.reflect.Field;
import java.util.Set;

/**
 * What the extension adds to a kernel that is not shmkit's own (stock JJava): the imports shmkit's
 * kernel starts with, {@code %%time} when the kernel has none, and shmkit's failures shown as their
 * message instead of the kernel's wrapped stack trace.
 */
final class StockKernels {
    /** BaseKernel's field holding the styler its {@code formatError} prints stack traces with. */
    private static final String ERROR_STYLER = "errorStyler";

    private StockKernels() {
    }

    /** Adds imports, {@code %%time} and clean errors to {@code kernel}; {@code magics} are shmkit's magic names. */
    static void install(BaseKernel kernel, Set<String> magics) {
        for (String snippet : NotebookImports.snippets(StockKernels.class.getClassLoader())) {
            kernel.evalRaw(snippet);
        }
        if (!kernel.getMagicsRegistry().getCellMagicNames().contains("time")) {
            CellMagic<Object, BaseKernel> time = StockKernels::time;
            kernel.getMagicsRegistry().registerCellMagic("time", time);
        }
        cleanErrors(kernel, magics);
    }

    /**
     * Wraps the kernel's error styler so that shmkit's failures print as their message. Returns false
     * (and changes nothing) where the kernel has no such field or keeps it closed.
     */
    static boolean cleanErrors(BaseKernel kernel, Set<String> magics) {
        try {
            Field f = BaseKernel.class.getDeclaredField(ERROR_STYLER);
            if (!f.trySetAccessible()) {
                return false;
            }
            StringStyler current = (StringStyler) f.get(kernel);
            if (!(current instanceof ShmkitErrorStyler)) {
                f.set(kernel, new ShmkitErrorStyler(current, new CleanErrors(magics)));
            }
            return true;
        } catch (ReflectiveOperationException | ClassCastException | SecurityException e) {
            return false;
        }
    }

    /** {@code %%time}: runs the body, prints its wall time, and shows its value. */
    private static Object time(BaseKernel kernel, java.util.List<String> args, String body) {
        Object value = CellTime.timed(() -> kernel.evalRaw(body));
        if (value == null || kernel instanceof MagicResultsShown) {
            return value;
        }
        kernel.display(kernel.getRenderer().render(value));
        return null;
    }
}
