package dev.shmkit.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs notebooks headless against the real shmkit kernel: writes the kernelspec (this module's
 * classes and class path) into a temporary JUPYTER_PATH and drives {@code run_notebook.py}
 * (nbclient) with the project's Python. Shared by the notebook ITs.
 */
final class NotebookRunner {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPO = MODULE.getParent();
    private static final Path DRIVER = MODULE.resolve("src/test/python/run_notebook.py");

    private final Path tmp;
    private final Path jupyter;

    private NotebookRunner(Path tmp, Path jupyter) {
        this.tmp = tmp;
        this.jupyter = jupyter;
    }

    /** Installs the kernelspec under {@code tmp/jupyter}. */
    static NotebookRunner install(Path tmp) throws IOException {
        List<Path> cp = new ArrayList<>();
        cp.add(MODULE.resolve("target/classes"));
        for (String s : Files.readString(MODULE.resolve("target/classpath.txt")).strip().split(File.pathSeparator)) {
            cp.add(Path.of(s));
        }
        Path jupyter = tmp.resolve("jupyter");
        KernelInstaller.spec(KernelSpec.DEFAULT_NAME, "Java (shmkit, test)", cp, null).writeTo(jupyter.resolve("kernels"));
        return new NotebookRunner(tmp, jupyter);
    }

    /**
     * Executes {@code notebook} with the kernel started in {@code workDir}, the space under
     * {@code spaceDir} and {@code env} added; fails if the driver fails or takes over
     * {@code timeoutSeconds}. Returns the executed notebook.
     */
    JsonObject run(Path notebook, Path workDir, Path spaceDir, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        String stem = notebook.getFileName().toString().replace(".ipynb", "");
        Path out = tmp.resolve(stem + ".executed.ipynb");
        Path log = tmp.resolve(stem + ".driver.log");
        ProcessBuilder pb = new ProcessBuilder(python().toString(), DRIVER.toString(), notebook.toString(), out.toString(),
                KernelSpec.DEFAULT_NAME, workDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", jupyter.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("SHMKIT_DIR", spaceDir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(notebook.getFileName() + ": run took over " + timeoutSeconds + " s; log:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), notebook.getFileName() + ": nbclient driver failed; log:\n" + Files.readString(log));
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    /** The Python with nbclient: {@code -Dshmkit.python}, else {@code SHMKIT_PYTHON}, else the repo's venv. */
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

    /** The text of a cell's {@code source} (a string or an array of lines). */
    static String source(JsonObject cell) {
        return joined(cell.get("source"));
    }

    /** The outputs of one type, e.g. {@code "error"}. */
    static List<JsonObject> outputs(JsonObject cell, String outputType) {
        List<JsonObject> matching = new ArrayList<>();
        JsonArray outs = cell.getAsJsonArray("outputs");
        if (outs != null) {
            outs.forEach(o -> {
                if (o.getAsJsonObject().get("output_type").getAsString().equals(outputType)) {
                    matching.add(o.getAsJsonObject());
                }
            });
        }
        return matching;
    }

    /** One output's data of the given MIME type. */
    static String data(JsonObject output, String mime) {
        JsonElement d = output.getAsJsonObject("data").get(mime);
        assertTrue(d != null, "no " + mime + " in " + output);
        return joined(d);
    }

    /** Everything a cell showed as text: streams, text/plain of results and displays, error tracebacks. */
    static String allText(JsonObject cell) {
        StringBuilder sb = new StringBuilder();
        JsonArray outs = cell.getAsJsonArray("outputs");
        if (outs == null) {
            return "";
        }
        for (JsonElement e : outs) {
            JsonObject o = e.getAsJsonObject();
            switch (o.get("output_type").getAsString()) {
                case "stream" -> sb.append(joined(o.get("text")));
                case "error" -> sb.append(traceback(o));
                default -> {
                    JsonElement plain = o.getAsJsonObject("data").get("text/plain");
                    if (plain != null) {
                        sb.append(joined(plain));
                    }
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String traceback(JsonObject error) {
        return String.join("\n", error.getAsJsonArray("traceback").asList().stream().map(JsonElement::getAsString).toList());
    }

    static List<String> tags(JsonObject cell) {
        JsonObject meta = cell.getAsJsonObject("metadata");
        if (meta == null || !meta.has("tags")) {
            return List.of();
        }
        return meta.getAsJsonArray("tags").asList().stream().map(JsonElement::getAsString).toList();
    }

    private static String joined(JsonElement e) {
        return e.isJsonArray() ? String.join("", e.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList())
                : e.getAsString();
    }
}
