package dev.shmkit.kernel;

import dev.shmkit.magic.CellTime;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's own magics, which JJava's base library does not provide:
 * {@code %classpath} / {@code %jars} add jars at run time, {@code %maven} resolves artifacts from
 * Maven Central and adds them, {@code %%time} times a cell. Added jars reach the worker JVMs too.
 */
final class KernelMagics {
    private KernelMagics() {
    }

    static void register(ShmkitKernel kernel) {
        LineMagic<String, ShmkitKernel> classpath = (k, args) -> addJars(k, args);
        LineMagic<String, ShmkitKernel> maven = (k, args) -> maven(k, args);
        CellMagic<Object, ShmkitKernel> time = (k, args, body) -> time(k, body);
        kernel.getMagicsRegistry()
                .registerLineMagic("classpath", classpath)
                .registerLineMagic("jars", classpath)
                .registerLineMagic("maven", maven)
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

    /** Usage of {@code %maven}. */
    static final String MAVEN_USAGE = "%maven GROUP:ARTIFACT:VERSION...   e.g. %maven org.apache.commons:commons-lang3:3.14.0"
            + "  (resolved with its dependencies from Maven Central into ~/.m2/repository)";

    private static String maven(ShmkitKernel k, List<String> args) {
        if (args.isEmpty()) {
            return "usage: " + MAVEN_USAGE;
        }
        long t0 = System.nanoTime();
        List<Path> resolved = MavenArtifacts.resolve(args);
        List<Path> fresh = MavenArtifacts.notOnClassPath(resolved);
        fresh = fresh.stream().filter(p -> !k.classpath().added().contains(p)).toList();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "resolved %d jar%s in %.1f s (cached in %s)",
                resolved.size(), resolved.size() == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9,
                MavenArtifacts.localRepository()));
        if (!fresh.isEmpty()) {
            k.classpath().add(fresh.stream().map(Path::toString).toList());
        }
        b.append(fresh.isEmpty() ? "; all already on the class path" : "; added to the class path and the workers:");
        fresh.forEach(p -> b.append("\n  ").append(p.getFileName()));
        int present = resolved.size() - fresh.size();
        if (present > 0 && !fresh.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n  (%d already on the class path)", present));
        }
        return b.toString();
    }

    private static Object time(ShmkitKernel k, String body) {
        return CellTime.timed(() -> k.evalRaw(body));
    }
}
