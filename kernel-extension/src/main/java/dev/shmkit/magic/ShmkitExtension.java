package dev.shmkit.magic;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.Set;

/**
 * shmkit's magics for any JJava-based kernel, found by ServiceLoader
 * ({@code META-INF/services/org.dflib.jjava.jupyter.Extension}): shmkit's own kernel loads it at
 * start, stock JJava when the jar is added with {@code %classpath} or {@code JJAVA_CLASSPATH}.
 * Installing it also defines the notebook variables {@code space}, the notebook's default space, and
 * {@code pool}, the notebook's worker pool (started in the background at once, see {@link NotebookPool}), and
 * shows a progress bar and a report under the cell for the pool's jobs. In a stock kernel it also brings
 * shmkit's default imports, {@code %%time} and clean error messages ({@link StockKernels}).
 */
public final class ShmkitExtension implements Extension {
    /** The declaration of the {@code space} variable every notebook gets. */
    static final String SPACE_VARIABLE =
            "dev.shmkit.space.SharedSpace space = dev.shmkit.magic.NotebookSpaces.defaultSpaceOrNull();";

    /** The declaration of the {@code pool} variable every notebook gets. */
    static final String POOL_VARIABLE = "dev.shmkit.pool.WorkerPool pool = dev.shmkit.magic.NotebookPool.pool();";

    /** The magics this extension registers (names without {@code %}). */
    static final Set<String> MAGICS = Set.of("share", "unshare", "space", "workers", "compare");

    @Override
    public void install(BaseKernel kernel) {
        NotebookSpaces.openInBackground();
        LineMagic<Object, BaseKernel> share = (k, args) -> show(k, SpaceMagics.share(args, k::evalRaw));
        LineMagic<Object, BaseKernel> unshare = (k, args) -> show(k, SpaceMagics.unshare(args));
        LineMagic<Object, BaseKernel> space = (k, args) -> show(k, SpaceMagics.space(args));
        LineMagic<Object, BaseKernel> workers = (k, args) -> {
            WorkersResult r = PoolMagics.workers(args);
            if (PoolMagics.replacesPool(args)) {
                k.evalRaw(POOL_VARIABLE);  // the notebook's pool variable names the new pool
            }
            return show(k, r);
        };
        CellMagic<Object, BaseKernel> compare = (k, args, body) -> show(k, PoolMagics.compare(args, body, k::evalRaw));
        kernel.getMagicsRegistry()
                .registerLineMagic("share", share)
                .registerLineMagic("unshare", unshare)
                .registerLineMagic("space", space)
                .registerLineMagic("workers", workers)
                .registerCellMagic("compare", compare);
        NotebookPool.showProgress(new ProgressBars(new ProgressBars.Sink() {
            @Override
            public void display(DisplayData data) {
                kernel.display(data);
            }

            @Override
            public void update(String id, DisplayData data) {
                kernel.getIO().display.updateDisplay(id, data);
            }
        }));
        if (!(kernel instanceof KeepsVariables)) {
            // a stock kernel (JJava): shmkit's own kernel brings imports, %%time and clean errors itself
            StockKernels.install(kernel, MAGICS);
        }
        kernel.evalRaw(SPACE_VARIABLE);
        kernel.evalRaw(POOL_VARIABLE);
        NotebookPool.startInBackground();
        if (kernel instanceof KeepsVariables k) {
            k.keepVariable("space", SPACE_VARIABLE);
            k.keepVariable("pool", POOL_VARIABLE);
        }
    }

    @Override
    public void uninstall(BaseKernel kernel) {
        NotebookPool.close();
        NotebookSpaces.closeAll();
    }

    /** Both {@code text/html} and {@code text/plain}. */
    public static DisplayData displayData(RichResult result) {
        DisplayData d = new DisplayData(result.toString());
        d.putHTML(result.toHtml());
        return d;
    }

    /**
     * The cell result where the kernel shows magic return values; elsewhere (JJava 1.0-a6 drops
     * them) displayed explicitly, returning null.
     */
    static Object show(BaseKernel kernel, RichResult result) {
        DisplayData d = displayData(result);
        if (kernel instanceof MagicResultsShown) {
            return d;
        }
        kernel.display(d);
        return null;
    }
}
