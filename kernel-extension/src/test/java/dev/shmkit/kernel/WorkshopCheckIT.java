package dev.shmkit.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ./shmkit workshop check} through the launcher, as a teacher runs it: with this module's
 * kernel installed (into a JUPYTER_PATH of the test's own) it passes and runs notebook 01 headless
 * with the student's caps; with a tiny quota it fails, says so with the fix, and the notebook run
 * under that cap fails too.
 */
class WorkshopCheckIT {
    @TempDir
    static Path tmp;
    static Path jupyter;

    @BeforeAll
    static void installKernel() throws IOException {
        List<Path> cp = new ArrayList<>();
        cp.add(NotebookRunner.MODULE.resolve("target/classes"));
        for (String s : Files.readString(NotebookRunner.MODULE.resolve("target/classpath.txt")).strip().split(File.pathSeparator)) {
            cp.add(Path.of(s));
        }
        jupyter = tmp.resolve("jupyter");
        KernelInstaller.spec(KernelSpec.DEFAULT_NAME, "Java (shmkit, check)", cp, null).writeTo(jupyter.resolve("kernels"));
    }

    private static String check(int expectedExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", NotebookRunner.REPO.resolve("shmkit").toString(), "workshop", "check"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SHMKIT_NO_BUILD", "1"); // the build under test, not a rebuild
        pb.environment().put("JUPYTER_PATH", jupyter.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("SHMKIT_PYTHON", NotebookRunner.python().toString());
        pb.environment().remove("SHMKIT_MAX_SPACE_BYTES");
        pb.environment().remove("SHMKIT_MAX_WORKERS");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(400, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("workshop check took over 400 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(expectedExit, p.exitValue(), text);
        return text;
    }

    @Test
    void shouldPassOnThisMachineAndRunNotebook01() throws Exception {
        String out = check(0, "--students", "1", "--workers", "2", "--quota", "256m", "--notebooks", "01");
        for (String ok : List.of("OK   java", "OK   python", "OK   shm", "OK   cores", "OK   kernel",
                "OK   notebook   01-copy-vs-share.ipynb")) {
            assertTrue(out.contains(ok), "missing '" + ok + "' in:\n" + out);
        }
        assertTrue(out.contains("ready:"), out);
    }

    @Test
    void shouldFailOnATinyQuotaAndSayHowToFixIt() throws Exception {
        String out = check(1, "--students", "1", "--workers", "2", "--quota", "4m", "--notebooks", "01");
        assertTrue(out.contains("FAIL quota      cap=4.2 MB < 268 MB") && out.contains("fix: SHMKIT_MAX_SPACE_BYTES=256m"), out);
        assertTrue(out.contains("FAIL notebook   01-copy-vs-share.ipynb") && out.contains("SpaceQuotaExceededException"),
                "the notebook run under the 4 MB cap is refused its publish:\n" + out);
        assertTrue(out.contains("problems: fix the FAIL lines above"), out);
    }

    @Test
    void shouldFailWithoutTheKernel() throws Exception {
        String out = check(1, "--kernels-dir", tmp.resolve("nothing").toString(), "--notebooks", "none");
        assertTrue(out.contains("FAIL kernel     no kernelspec 'shmkit'") && out.contains("fix: ./shmkit install-kernel"), out);
    }
}
