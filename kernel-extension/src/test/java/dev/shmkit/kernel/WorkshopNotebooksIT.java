package dev.shmkit.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Executes every workshop notebook ({@code notebooks/*.ipynb}) headless against the real kernel
 * and fails on any error output, except in cells tagged {@value #RAISES_EXPECTED}, which must show
 * one. Also checks that the notebooks are stored without outputs. Before the runs it fetches the
 * larger datasets ({@code datasets/fetch.sh}, into {@code SHMKIT_DATA_CACHE} or {@code datasets/cache});
 * without a registry the notebooks use the committed sample, and the log says so.
 */
class WorkshopNotebooksIT {
    /** Tag of a cell whose error output is part of the lesson. */
    static final String RAISES_EXPECTED = "raises-expected";
    /** Each notebook is meant to run in under a minute on 2 cores; this bounds a slow or stuck one. */
    private static final int NOTEBOOK_TIMEOUT_SECONDS = 240;
    private static final Path NOTEBOOKS = NotebookRunner.REPO.resolve("notebooks");
    private static final Path DATASETS = NotebookRunner.REPO.resolve("datasets");

    @TempDir
    static Path tmp;
    static NotebookRunner runner;
    /** True when {@code datasets/fetch.sh} left the fetched data in the cache. */
    static boolean fetched;

    @BeforeAll
    static void setUp() throws Exception {
        runner = NotebookRunner.install(tmp);
        fetched = fetchData();
    }

    private static boolean fetchData() throws IOException, InterruptedException {
        Path log = tmp.resolve("fetch.log");
        ProcessBuilder pb = new ProcessBuilder("bash", DATASETS.resolve("fetch.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHMKIT_PYTHON", NotebookRunner.python().toString());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("datasets/fetch.sh took over 300 s; log:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        System.out.print(out);
        switch (p.exitValue()) {
            case 0 -> {
                String dir = System.getenv("SHMKIT_DATA_CACHE");
                Path flights = (dir != null && !dir.isBlank() ? Path.of(dir) : DATASETS.resolve("cache")).resolve("flights-3m.arrow");
                boolean present = Files.isRegularFile(flights);
                System.out.println("WorkshopNotebooksIT: " + (present ? "the notebooks use the fetched data " + flights
                        : "fetched, but " + flights + " was not made (no pyarrow?): the notebooks use the committed sample"));
                return present;
            }
            case 3 -> {
                System.out.println("WorkshopNotebooksIT: the npm registry is unreachable; the notebooks use the committed"
                        + " sample " + DATASETS.resolve("flights-20k.csv"));
                return false;
            }
            default -> {
                fail("datasets/fetch.sh exited with " + p.exitValue() + ":\n" + out);
                return false;
            }
        }
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** The notebooks' file names: the run test also takes a {@code Path} from {@link SpaceDirExtension}. */
    static List<String> notebookNames() throws IOException {
        return notebooks().stream().map(p -> p.getFileName().toString()).toList();
    }

    private static JsonObject read(Path nb) throws IOException {
        return JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
    }

    private static List<JsonObject> cells(JsonObject nb) {
        List<JsonObject> cells = new ArrayList<>();
        nb.getAsJsonArray("cells").forEach(c -> cells.add(c.getAsJsonObject()));
        return cells;
    }

    @Test
    void shouldHaveNumberedNotebooks() throws IOException {
        List<Path> all = notebooks();
        assertFalse(all.isEmpty(), "no notebooks in " + NOTEBOOKS);
        Set<String> numbers = new HashSet<>();
        for (Path nb : all) {
            String name = nb.getFileName().toString();
            assertTrue(name.matches("\\d\\d-[a-z0-9-]+\\.ipynb"), "not NN-name.ipynb: " + name);
            assertTrue(numbers.add(name.substring(0, 2)), "number used twice: " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void shouldBeStoredWithoutOutputsForTheShmkitKernel(Path notebook) throws IOException {
        JsonObject nb = read(notebook);
        assertEquals(KernelSpec.DEFAULT_NAME, nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
        List<JsonObject> cells = cells(nb);
        assertEquals("markdown", cells.get(0).get("cell_type").getAsString(), "the first cell states the question");
        assertTrue(cells.stream().anyMatch(c -> c.get("cell_type").getAsString().equals("markdown")
                && NotebookRunner.source(c).contains("Exercises")), notebook + " has no Exercises section");
        for (JsonObject c : cells) {
            if (c.get("cell_type").getAsString().equals("code")) {
                assertEquals(0, c.getAsJsonArray("outputs").size(), notebook.getFileName() + " stored with outputs in:\n"
                        + NotebookRunner.source(c));
                JsonElement count = c.get("execution_count");
                assertTrue(count == null || count.isJsonNull(), notebook.getFileName() + " stored with an execution count in:\n"
                        + NotebookRunner.source(c));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void shouldImportOnlyProductPackages(Path notebook) throws IOException {
        for (JsonObject c : cells(read(notebook))) {
            String src = NotebookRunner.source(c);
            for (String internal : List.of("dev.shmkit.bench", "dev.shmkit.testing")) {
                assertFalse(c.get("cell_type").getAsString().equals("code") && src.contains(internal),
                        notebook.getFileName() + " uses " + internal + " (not a product package) in:\n" + src);
            }
        }
    }

    /** Each notebook in a space directory of its own, checked for leftovers by {@link SpaceDirExtension} after the kernel exited. */
    @ParameterizedTest
    @MethodSource("notebookNames")
    @ExtendWith(SpaceDirExtension.class)
    void shouldRunWithErrorsOnlyWhereExpected(String name, Path space) throws Exception {
        Path notebook = NOTEBOOKS.resolve(name);
        long t0 = System.nanoTime();
        JsonObject executed = runner.run(notebook, NOTEBOOKS, space,
                Map.of("SHMKIT_PYTHON", NotebookRunner.python().toString()), NOTEBOOK_TIMEOUT_SECONDS);
        System.out.printf("WorkshopNotebooksIT: %s ran in %.1f s%n", notebook.getFileName(), (System.nanoTime() - t0) / 1e9);
        StringBuilder text = new StringBuilder();
        int code = 0;
        for (JsonObject c : cells(executed)) {
            if (!c.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            code++;
            List<JsonObject> errors = NotebookRunner.outputs(c, "error");
            String src = NotebookRunner.source(c);
            if (NotebookRunner.tags(c).contains(RAISES_EXPECTED)) {
                assertFalse(errors.isEmpty(), notebook.getFileName() + ": cell tagged " + RAISES_EXPECTED
                        + " raised nothing:\n" + src + "\noutputs: " + c.getAsJsonArray("outputs"));
            } else if (!errors.isEmpty()) {
                fail(notebook.getFileName() + ": error in cell:\n" + src + "\n--\n" + NotebookRunner.traceback(errors.get(0)));
            }
            text.append(NotebookRunner.allText(c));
        }
        assertTrue(code > 0, notebook + " has no code cells");
        if (notebook.getFileName().toString().startsWith("06-")) {
            String expected = fetched ? "fetched" : "committed sample";
            assertTrue(text.toString().contains(expected), "06 should say it used the " + expected + ":\n" + text);
        }
    }
}
