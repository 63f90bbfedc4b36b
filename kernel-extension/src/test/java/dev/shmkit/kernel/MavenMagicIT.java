package dev.shmkit.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %maven} against the real Maven Central: commons-text and, transitively, commons-lang3 are
 * downloaded into an empty local repository of this test, then used in a cell and in a worker JVM.
 */
class MavenMagicIT {
    private static final String TEXT = "org/apache/commons/commons-text/1.12.0/commons-text-1.12.0.jar";
    private static final String LANG3 = "org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.jar";
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    @TempDir
    static Path repo;
    static ShmkitKernel kernel;

    @BeforeAll
    static void start() {
        kernel = RUNNING.kernel();
        System.setProperty(MavenArtifacts.REPO_PROPERTY, repo.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty(MavenArtifacts.REPO_PROPERTY);
    }

    @Test
    void shouldResolveFromMavenCentralTransitivelyAndShipTheJarsToWorkers() throws Exception {
        assertTrue(Files.notExists(repo.resolve(TEXT)), "the test's local repository starts empty");
        String out = String.valueOf(kernel.evalRaw("%maven org.apache.commons:commons-text:1.12.0"));
        assertTrue(out.startsWith("resolved 2 jars in "), out);
        assertTrue(out.contains("commons-text-1.12.0.jar") && out.contains("commons-lang3-3.14.0.jar"), out);
        assertTrue(Files.size(repo.resolve(TEXT)) > 100_000, "downloaded into the local repository: " + TEXT);
        assertTrue(Files.size(repo.resolve(LANG3)) > 100_000, "the dependency too: " + LANG3);

        assertEquals("Shared Memory", kernel.evalRaw("org.apache.commons.text.WordUtils.capitalize(\"shared memory\")"));
        Object inWorker = kernel.evalRaw("pool.mapItems(List.of(\"shared memory\"), (dev.shmkit.job.SerializableFunction<String,"
                + " String>) s -> org.apache.commons.text.WordUtils.capitalize(s) + \" from \""
                + " + org.apache.commons.text.WordUtils.class.getProtectionDomain().getCodeSource().getLocation()"
                + " + \" in \" + ProcessHandle.current().pid()).values()");
        String v = ((List<?>) inWorker).get(0).toString();
        assertTrue(v.startsWith("Shared Memory from file:" + repo.resolve(TEXT)), v);
        assertTrue(!v.endsWith(" in " + ProcessHandle.current().pid()), "ran in a worker JVM, not the kernel: " + v);

        String again = String.valueOf(kernel.evalRaw("%maven org.apache.commons:commons-text:1.12.0"));
        assertTrue(again.contains("all already on the class path"), again);
    }

    @Test
    void shouldNameTheCoordinatesThatCannotBeResolved() {
        CellException e = assertThrows(CellException.class,
                () -> kernel.evalRaw("%maven org.apache.commons:commons-text:0.0.0-no-such-version"));
        assertTrue(String.valueOf(e.getMessage()).contains("cannot resolve org.apache.commons:commons-text:0.0.0-no-such-version"),
                e.getMessage());
    }
}
