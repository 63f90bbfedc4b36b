package dev.shmkit.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * The imports every shmkit notebook starts with (toolkit, Tablesaw, common {@code java.*}), in
 * shmkit's kernel and, through the extension, in stock JJava and IJava.
 */
public final class NotebookImports {
    /** Packages imported on demand; a package missing from the class path is skipped. */
    private static final List<String> PACKAGES = List.of(
            "java.util", "java.util.function", "java.util.stream", "java.nio.file", "java.time",
            "tech.tablesaw.api", "tech.tablesaw.columns",
            "dev.shmkit.space", "dev.shmkit.table", "dev.shmkit.job", "dev.shmkit.pool", "dev.shmkit.magic");
    /**
     * Types imported by name because a {@code java.*} package above has one of the same simple name
     * ({@code java.nio.file.AccessMode}); a single-type import wins over the on-demand ones.
     */
    private static final List<String> CLASSES = List.of("dev.shmkit.job.AccessMode");

    private NotebookImports() {
    }

    /** One {@code import p.*;} snippet per package that {@code loader} (or the platform) can see. */
    public static List<String> snippets(ClassLoader loader) {
        List<String> snippets = new ArrayList<>();
        for (String p : PACKAGES) {
            if (exists(p, loader)) {
                snippets.add("import " + p + ".*;");
            }
        }
        for (String c : CLASSES) {
            if (loader.getResource(c.replace('.', '/') + ".class") != null) {
                snippets.add("import " + c + ";");
            }
        }
        return snippets;
    }

    private static boolean exists(String pkg, ClassLoader loader) {
        String resource = pkg.replace('.', '/');
        return pkg.startsWith("java.") || ClassLoader.getPlatformClassLoader().getResource(resource) != null
                || loader.getResource(resource) != null;
    }
}
