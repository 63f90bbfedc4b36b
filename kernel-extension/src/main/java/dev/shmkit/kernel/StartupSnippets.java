package dev.shmkit.kernel;

import java.util.ArrayList;
import java.util.List;

/** What every notebook starts with: imports of the toolkit, Tablesaw and the display helpers. */
final class StartupSnippets {
    /** Packages imported on demand; a package missing from the class path is skipped. */
    private static final List<String> PACKAGES = List.of(
            "java.util", "java.util.function", "java.util.stream", "java.nio.file", "java.time",
            "tech.tablesaw.api", "tech.tablesaw.columns",
            "dev.shmkit.space", "dev.shmkit.table", "dev.shmkit.job", "dev.shmkit.pool", "dev.shmkit.magic");

    private StartupSnippets() {
    }

    static List<String> all() {
        List<String> snippets = new ArrayList<>();
        for (String p : PACKAGES) {
            if (exists(p)) {
                snippets.add("import " + p + ".*;");
            }
        }
        snippets.add("import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
        snippets.add("import static dev.shmkit.kernel.Show.*;");
        return snippets;
    }

    private static boolean exists(String pkg) {
        String resource = pkg.replace('.', '/');
        ClassLoader loader = StartupSnippets.class.getClassLoader();
        return ClassLoader.getPlatformClassLoader().getResource(resource) != null
                || loader.getResource(resource) != null
                || pkg.startsWith("java.");
    }
}
