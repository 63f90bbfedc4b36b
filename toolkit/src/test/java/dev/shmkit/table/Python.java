package dev.shmkit.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Python with pyarrow that interop tests run: system property {@code shmkit.python}, else env
 * {@code SHMKIT_PYTHON}, else {@code <repo root>/.venv/bin/python}. Missing means the test fails.
 */
final class Python {
    private Python() {
    }

    static String interpreter() {
        String p = System.getProperty("shmkit.python");
        if (p == null || p.isBlank()) {
            p = System.getenv("SHMKIT_PYTHON");
        }
        if (p == null || p.isBlank()) {
            p = repoRoot().resolve(".venv/bin/python").toString();
        }
        if (!Files.isExecutable(Path.of(p))) {
            fail("no Python interpreter at " + p + " (from -Dshmkit.python, SHMKIT_PYTHON or <repo>/.venv);"
                    + " run ./shmkit test, which creates the venv with pyarrow");
        }
        return p;
    }

    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("toolkit")) && Files.exists(d.resolve("pom.xml"))) {
                return d;
            }
        }
        return dir;
    }

    /** Runs a script from the test resources; returns its stdout lines, failing on a non-zero exit. */
    static List<String> run(String script, Path workDir, String... args) throws IOException, InterruptedException {
        Path file = workDir.resolve(script);
        try (InputStream in = Python.class.getResourceAsStream(script)) {
            if (in == null) {
                fail("test resource " + script + " missing");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(interpreter(), file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(script + " timed out");
        }
        if (p.exitValue() != 0) {
            String hint = err.contains("No module named 'pyarrow'") ? " (pyarrow missing; run ./shmkit test)" : "";
            fail(script + " exited with " + p.exitValue() + hint + ":\n" + err);
        }
        return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
    }
}
