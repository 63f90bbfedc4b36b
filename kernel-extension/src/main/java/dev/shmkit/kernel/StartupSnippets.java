package dev.shmkit.kernel;

import dev.shmkit.magic.NotebookImports;

import java.util.ArrayList;
import java.util.List;

/** What every notebook starts with: imports of the toolkit, Tablesaw and the display helpers. */
final class StartupSnippets {
    private StartupSnippets() {
    }

    static List<String> all() {
        List<String> snippets = new ArrayList<>(NotebookImports.snippets(StartupSnippets.class.getClassLoader()));
        snippets.add("import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
        snippets.add("import static dev.shmkit.kernel.Show.*;");
        return snippets;
    }
}
