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
        return snippets;
    }

    private static boolean exists(String pkg, ClassLoader loader) {
        String resource = pkg.replace('.', '/');
        return pkg.startsWith("java.") || ClassLoader.getPlatformClassLoader().getResource(resource) != null
                || loader.getResource(resource) != null;
    }
}
