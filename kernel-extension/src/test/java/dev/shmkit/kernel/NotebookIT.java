package dev.shmkit.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: executes {@code notebooks/e2e.ipynb} with {@link NotebookRunner} (nbclient, the
 * kernelspec in a temporary JUPYTER_PATH, the project's Python), then checks every
 * cell's outputs — Java, display, the magics, errors, and an interrupt followed by a working cell.
 * The kernel's space directory must be empty once the kernel has exited ({@link SpaceDirPerClass}).
 */
class NotebookIT {
    /** The kernel's space directory, checked for leftovers after the class (so after the kernel exited). */
    @RegisterExtension
    static final SpaceDirPerClass SPACE = new SpaceDirPerClass();
    @TempDir
    static Path tmp;
    static Map<String, JsonObject> cells;
    static Map<String, JsonArray> outputs;
    static JsonObject requests;

    @BeforeAll
    static void runNotebook() throws Exception {
        Path nb = NotebookRunner.MODULE.resolve("src/test/resources/notebooks/e2e.ipynb");
        JsonObject executed = NotebookRunner.install(tmp).run(nb, nb.getParent(), SPACE.directory(), Map.of(), 120);
        requests = executed.getAsJsonObject("metadata").getAsJsonObject("shmkit_requests");
        cells = new HashMap<>();
        outputs = new HashMap<>();
        for (JsonElement c : executed.getAsJsonArray("cells")) {
            cells.put(c.getAsJsonObject().get("id").getAsString(), c.getAsJsonObject());
            outputs.put(c.getAsJsonObject().get("id").getAsString(), c.getAsJsonObject().getAsJsonArray("outputs"));
        }
    }

    static JsonObject only(String cell, String outputType) {
        List<JsonObject> matching = all(cell, outputType);
        assertEquals(1, matching.size(), cell + ": expected one " + outputType + " in " + outputs.get(cell));
        return matching.get(0);
    }

    static String data(JsonObject output, String mime) {
        return NotebookRunner.data(output, mime);
    }

    static String traceback(JsonObject error) {
        return NotebookRunner.traceback(error);
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

    @Test
    void shouldAnswerEveryRequestAFrontEndSendsAtStart() {
        for (String r : List.of("kernel_info", "comm_info", "history", "inspect", "complete")) {
            JsonObject reply = requests.getAsJsonObject(r);
            assertTrue(reply != null && !reply.has("request"), r + " got no reply: " + reply);
            if (reply.has("status")) {
                assertEquals("ok", reply.get("status").getAsString(), r + ": " + reply);
            }
        }
        String complete = requests.getAsJsonObject("is_complete").get("status").getAsString();
        assertTrue(List.of("complete", "incomplete", "invalid", "unknown").contains(complete), "is_complete: " + complete);
        JsonArray helpLinks = requests.getAsJsonObject("kernel_info").getAsJsonArray("help_links");
        assertTrue(helpLinks.toString().contains(HelpLinks.TABLESAW) && helpLinks.toString().contains("README.md"),
                "help links: " + helpLinks);
        assertTrue(requests.getAsJsonObject("history").has("history"), "history reply: " + requests.getAsJsonObject("history"));
        JsonArray after = requests.getAsJsonObject("history_after").getAsJsonArray("history");
        assertTrue(after.size() >= 10, "history after the cells lists them: " + after);
        boolean hasPlain = false;
        for (JsonElement e : after) {
            hasPlain |= e.getAsJsonArray().get(2).getAsString().contains("hello from java");
        }
        assertTrue(hasPlain, "history holds the source of the cell that printed 'hello from java': " + after);
    }

    static List<JsonObject> all(String cell, String outputType) {
        return NotebookRunner.outputs(cells.get(cell), outputType);
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
        assertTrue(html.contains("shmkit-bars") && !html.contains("<svg"), html);
        assertTrue(text.startsWith("compare job 'bt': copy vs proxy vs share"), text);
        assertTrue(text.contains("all 3 runs returned the same 4 values"), text);
        assertTrue(text.matches("(?s).*sharing was [0-9.,]+× (faster|slower) and moved [0-9.,]+× fewer bytes.*"), text);
        JsonObject error = only("compare-error", "error");
        assertEquals("UsageException", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().startsWith("%%compare: no table 'nosuch'"), error.toString());
        assertTrue(traceback(error).contains("usage: %%compare TABLE"), traceback(error));
    }

    @Test
    void shouldCompareAWholeJobCellAndShowAJobResultAsValuesAndCost() {
        String text = data(only("compare-cell", "execute_result"), "text/plain");
        assertTrue(text.startsWith("compare job 'cellsum': copy vs proxy vs share"), text);
        assertTrue(text.contains("all 3 runs returned the same 4 values."), text);
        String value = data(only("map-value", "execute_result"), "text/plain");
        assertTrue(value.startsWith("4 values of job: [50000, 50000, 50000, 50000] (4 tasks on 2 workers, wall "), value);
        assertTrue(data(only("map-value", "execute_result"), "text/html").contains("<th>value</th>"), value);
    }

    @Test
    void shouldCancelAnInterruptedMapJobAndKeepThePoolWorking() {
        assertEquals("CellInterruptedException", only("map-interrupt", "error").get("ename").getAsString());
        List<JsonObject> bars = all("map-interrupt", "display_data");
        assertEquals(1, bars.size(), "one bar: " + bars);
        assertTrue(data(bars.get(0), "text/plain").endsWith(" cancelled"), data(bars.get(0), "text/plain"));
        assertEquals("200000", data(only("after-map-interrupt", "execute_result"), "text/plain"));
    }

}
