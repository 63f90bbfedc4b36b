package dev.shmkit.magic;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * shmkit's magics for any JJava-based kernel, found by ServiceLoader
 * ({@code META-INF/services/org.dflib.jjava.jupyter.Extension}): shmkit's own kernel loads it at
 * start, stock JJava when the jar is added with {@code %classpath} or {@code JJAVA_CLASSPATH}.
 * Installing it also defines the notebook variable {@code space}, the notebook's default space.
 */
public final class ShmkitExtension implements Extension {
    /** The declaration of the {@code space} variable every notebook gets. */
    static final String SPACE_VARIABLE =
            "dev.shmkit.space.SharedSpace space = dev.shmkit.magic.NotebookSpaces.defaultSpaceOrNull();";

    @Override
    public void install(BaseKernel kernel) {
        NotebookSpaces.openInBackground();
        LineMagic<Object, BaseKernel> share = (k, args) -> show(k, SpaceMagics.share(args, k::evalRaw));
        LineMagic<Object, BaseKernel> unshare = (k, args) -> show(k, SpaceMagics.unshare(args));
        LineMagic<Object, BaseKernel> space = (k, args) -> show(k, SpaceMagics.space(args));
        kernel.getMagicsRegistry()
                .registerLineMagic("share", share)
                .registerLineMagic("unshare", unshare)
                .registerLineMagic("space", space);
        kernel.evalRaw(SPACE_VARIABLE);
    }

    @Override
    public void uninstall(BaseKernel kernel) {
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
