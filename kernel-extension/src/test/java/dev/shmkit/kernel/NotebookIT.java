package dev.shmkit.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end: installs the kernelspec into a temporary JUPYTER_PATH and executes
 * {@code notebooks/e2e.ipynb} through nbclient with the project's Python, then checks every
 * cell's outputs — Java, display, the magics, errors, and an interrupt followed by a working cell.
 */
class NotebookIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPO = MODULE.getParent();

    @TempDir
    static Path tmp;
    static Map<String, JsonArray> outputs;
    static Path spaceDir;

    @BeforeAll
    static void runNotebook() throws Exception {
        Path python = python();
        List<Path> cp = new ArrayList<>();
        cp.add(MODULE.resolve("target/classes"));
        for (String s : Files.readString(MODULE.resolve("target/classpath.txt")).strip().split(File.pathSeparator)) {
            cp.add(Path.of(s));
        }
        Path jupyter = tmp.resolve("jupyter");
        KernelInstaller.spec(KernelSpec.DEFAULT_NAME, "Java (shmkit, test)", cp, null).writeTo(jupyter.resolve("kernels"));
        spaceDir = tmp.resolve("space");
        Path out = tmp.resolve("executed.ipynb");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), MODULE.resolve("src/test/python/run_notebook.py").toString(),
                MODULE.resolve("src/test/resources/notebooks/e2e.ipynb").toString(), out.toString(), KernelSpec.DEFAULT_NAME)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile());
        pb.environment().put("JUPYTER_PATH", jupyter.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("SHMKIT_DIR", spaceDir.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("notebook run took over 120 s; log:\n" + Files.readString(tmp.resolve("driver.log")));
        }
        assertEquals(0, p.exitValue(), "nbclient driver failed; log:\n" + Files.readString(tmp.resolve("driver.log")));
        outputs = new HashMap<>();
        for (JsonElement c : JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("cells")) {
            outputs.put(c.getAsJsonObject().get("id").getAsString(), c.getAsJsonObject().getAsJsonArray("outputs"));
        }
    }

    static Path python() {
        String prop = System.getProperty("shmkit.python");
        String env = System.getenv("SHMKIT_PYTHON");
        Path py = prop != null && !prop.isBlank() && !prop.contains("${") ? Path.of(prop)
                : env != null && !env.isBlank() ? Path.of(env) : REPO.resolve(".venv/bin/python");
        if (!Files.isExecutable(py)) {
            fail("no Python with nbclient at " + py + " (set -Dshmkit.python or SHMKIT_PYTHON): run ./shmkit test,"
                    + " which creates the venv");
        }
        return py;
    }

    static JsonObject only(String cell, String outputType) {
        JsonArray outs = outputs.get(cell);
        List<JsonObject> matching = new ArrayList<>();
        outs.forEach(o -> {
            if (o.getAsJsonObject().get("output_type").getAsString().equals(outputType)) {
                matching.add(o.getAsJsonObject());
            }
        });
        assertEquals(1, matching.size(), cell + ": expected one " + outputType + " in " + outs);
        return matching.get(0);
    }

    static String data(JsonObject output, String mime) {
        JsonElement d = output.getAsJsonObject("data").get(mime);
        assertTrue(d != null, "no " + mime + " in " + output);
        return d.isJsonArray() ? String.join("", d.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList())
                : d.getAsString();
    }

    static String traceback(JsonObject error) {
        return String.join("\n", error.getAsJsonArray("traceback").asList().stream().map(JsonElement::getAsString).toList());
    }

    @Test
    void shouldRunJavaAndPrint() {
        assertEquals("42", data(only("plain", "execute_result"), "text/plain"));
        assertEquals("hello from java\n", only("plain", "stream").get("text").getAsString());
    }

    @Test
    void shouldDisplayHtml() {
        JsonObject d = only("html", "display_data");
        assertEquals(1, outputs.get("html").size(), "display(...); shows no display id: " + outputs.get("html"));
        assertEquals("<b>shared</b> memory", data(d, "text/html"));
        assertEquals("shared memory", data(d, "text/plain"));
    }

    @Test
    void shouldShareListAndUnshare() {
        assertEquals("3", data(only("table", "execute_result"), "text/plain"));
        JsonObject card = only("share", "execute_result");
        assertTrue(data(card, "text/plain").startsWith("shared df as 'big' v1: 3 rows × 2 columns"), data(card, "text/plain"));
        assertTrue(data(card, "text/html").contains("would move"), data(card, "text/html"));
        JsonObject listing = only("space", "execute_result");
        assertTrue(data(listing, "text/html").contains("<td>big</td><td>table</td><td>1</td>"), data(listing, "text/html"));
        assertTrue(data(only("unshare", "execute_result"), "text/plain").startsWith("removed 'big'"));
    }

    @Test
    void shouldExplainMagicErrors() {
        JsonObject unknown = only("share-unknown", "error");
        assertEquals("UsageException", unknown.get("ename").getAsString());
        assertTrue(unknown.get("evalue").getAsString().startsWith("%share: unknown variable 'nosuch'"), unknown.toString());
        JsonObject badName = only("share-badname", "error");
        assertTrue(badName.get("evalue").getAsString().startsWith("%share: invalid name '../etc'"), badName.toString());
        assertTrue(traceback(badName).contains("usage: %share VAR [as NAME]"), traceback(badName));
    }

    @Test
    void shouldReportRuntimeAndCompileErrors() {
        JsonObject runtime = only("runtime-error", "error");
        assertEquals("NumberFormatException", runtime.get("ename").getAsString());
        assertTrue(traceback(runtime).startsWith("java.lang.NumberFormatException: For input string: \"not a number\""),
                traceback(runtime));
        JsonObject compile = only("compile-error", "error");
        assertEquals("CompileException", compile.get("ename").getAsString());
        assertTrue(traceback(compile).startsWith("line 2: cannot find symbol"), traceback(compile));
    }

    @Test
    void shouldInterruptALoopAndKeepWorking() {
        JsonObject interrupted = only("interrupt", "error");
        assertEquals("CellInterruptedException", interrupted.get("ename").getAsString());
        assertEquals("21", data(only("after-interrupt", "execute_result"), "text/plain"));
    }

    static List<JsonObject> all(String cell, String outputType) {
        List<JsonObject> matching = new ArrayList<>();
        outputs.get(cell).forEach(o -> {
            if (o.getAsJsonObject().get("output_type").getAsString().equals(outputType)) {
                matching.add(o.getAsJsonObject());
            }
        });
        return matching;
    }

    @Test
    void shouldStartTheNotebooksPoolWithWorkersMagic() {
        JsonObject w = only("workers", "execute_result");
        assertTrue(data(w, "text/plain").startsWith("2 workers\n  id      pid state"), data(w, "text/plain"));
        assertTrue(data(w, "text/html").contains("<th>tasks done</th>"), data(w, "text/html"));
    }

    @Test
    void shouldShowAProgressBarUpdatedInPlaceAndTheJobReport() {
        assertEquals("200000", data(only("progress", "execute_result"), "text/plain"));
        List<JsonObject> shown = all("progress", "display_data");
        assertEquals(2, shown.size(), "bar and report: " + shown);
        String bar = data(shown.get(0), "text/plain");
        assertTrue(bar.startsWith("slow [") && bar.contains("] 4/4 tasks") && bar.endsWith(" done"),
                "the bar was updated in place to its final state: " + bar);
        assertTrue(data(shown.get(0), "text/html").contains("shmkit-progress"), data(shown.get(0), "text/html"));
        assertTrue(data(shown.get(1), "text/plain").startsWith("job 'slow': tasks=4 workers=2"), data(shown.get(1), "text/plain"));
        assertTrue(data(shown.get(1), "text/html").contains("overhead / task"), data(shown.get(1), "text/html"));
    }

    @Test
    void shouldCompareCopyAndShareWithAChartAndText() {
        JsonObject c = only("compare", "execute_result");
        String html = data(c, "text/html");
        String text = data(c, "text/plain");
        assertTrue(html.contains("<svg") && html.contains(">copy</text>") && html.contains(">share</text>"), html);
        assertTrue(text.startsWith("compare job 'bt': copy vs share"), text);
        assertTrue(text.contains("both runs returned the same 4 values"), text);
        assertTrue(text.matches("(?s).*sharing was [0-9.,]+× (faster|slower) and moved [0-9.,]+× fewer bytes.*"), text);
        JsonObject error = only("compare-error", "error");
        assertEquals("UsageException", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().startsWith("%%compare: no table 'nosuch'"), error.toString());
        assertTrue(traceback(error).contains("usage: %%compare TABLE"), traceback(error));
    }

    @Test
    void shouldCancelAnInterruptedMapJobAndKeepThePoolWorking() {
        assertEquals("CellInterruptedException", only("map-interrupt", "error").get("ename").getAsString());
        List<JsonObject> bars = all("map-interrupt", "display_data");
        assertEquals(1, bars.size(), "one bar: " + bars);
        assertTrue(data(bars.get(0), "text/plain").endsWith(" cancelled"), data(bars.get(0), "text/plain"));
        assertEquals("200000", data(only("after-map-interrupt", "execute_result"), "text/plain"));
    }

    @Test
    void shouldLeaveNoSegmentsAfterTheKernelExits() throws IOException {
        try (Stream<Path> files = Files.walk(spaceDir)) {
            List<Path> left = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains(".v")).toList();
            assertEquals(List.of(), left, "segments of the notebook's space after shutdown");
        }
    }
}
