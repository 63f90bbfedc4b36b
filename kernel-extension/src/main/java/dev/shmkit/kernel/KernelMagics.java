package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's own magics, which JJava's base library does not provide:
 * {@code %classpath} / {@code %jars} add jars at run time, {@code %%time} times a cell.
 */
final class KernelMagics {
    private KernelMagics() {
    }

    static void register(ShmkitKernel kernel) {
        LineMagic<String, ShmkitKernel> classpath = (k, args) -> addJars(k, args);
        CellMagic<Object, ShmkitKernel> time = (k, args, body) -> time(k, body);
        kernel.getMagicsRegistry()
                .registerLineMagic("classpath", classpath)
                .registerLineMagic("jars", classpath)
                .registerCellMagic("time", time);
    }

    private static String addJars(ShmkitKernel k, List<String> args) {
        if (args.isEmpty()) {
            List<Path> added = k.classpath().added();
            return "usage: %classpath PATH... (jar, directory or glob such as lib/*.jar); added so far:"
                    + (added.isEmpty() ? " none" : "\n  " + String.join("\n  ", added.stream().map(Path::toString).toList()));
        }
        List<Path> added = k.classpath().add(args);
        return "added " + added.size() + " to the class path:\n  "
                + String.join("\n  ", added.stream().map(Path::toString).toList());
    }

    private static Object time(ShmkitKernel k, String body) {
        long t0 = System.nanoTime();
        try {
            return k.evalRaw(body);
        } finally {
            System.out.printf(Locale.ROOT, "Wall time: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        }
    }
}
