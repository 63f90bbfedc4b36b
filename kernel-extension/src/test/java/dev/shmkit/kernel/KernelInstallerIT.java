package dev.shmkit.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code install-kernel --sys-prefix} targets the environment of the {@code jupyter} on PATH, as
 * {@code jupyter kernelspec install --sys-prefix} does: a real Python venv whose {@code bin/jupyter}
 * is a script run by that venv's Python.
 */
class KernelInstallerIT {
    /** A venv (no pip: fast, offline) with a {@code bin/jupyter} script whose shebang is the venv's Python. */
    private static Path userEnvironment(Path dir) throws Exception {
        Path env = dir.resolve("user-env");
        Process p = new ProcessBuilder("python3", "-m", "venv", "--without-pip", env.toString()).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Path jupyter = env.resolve("bin").resolve("jupyter");
        Files.writeString(jupyter, "#!" + env.resolve("bin").resolve("python") + "\nimport sys\nsys.exit(3)\n");
        Files.setPosixFilePermissions(jupyter, PosixFilePermissions.fromString("rwx------"));
        return env;
    }

    @Test
    void shouldResolveSysPrefixOfTheJupyterOnPath(@TempDir Path dir) throws Exception {
        Path env = userEnvironment(dir);
        String path = env.resolve("bin") + ":" + System.getenv("PATH");
        assertEquals(env.resolve("share/jupyter/kernels"), KernelInstaller.kernelsDir(Map.of("--sys-prefix", ""), path));
        assertEquals(List.of(env.resolve("bin").resolve("python").toString()),
                JupyterEnvironment.onPath(path).orElseThrow().interpreter());
    }

    @Test
    void shouldInstallIntoTheEnvironmentOfTheJupyterOnPathAndSaySo(@TempDir Path dir) throws Exception {
        Path env = userEnvironment(dir);
        Path launcher = Path.of("..", "shmkit").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "install-kernel", "--sys-prefix").redirectErrorStream(true);
        pb.environment().put("SHMKIT_NO_BUILD", "1");  // mvn verify has just built what the launcher runs
        pb.environment().put("PATH", env.resolve("bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        Path kernelJson = env.resolve("share/jupyter/kernels/shmkit/kernel.json");
        assertTrue(Files.isRegularFile(kernelJson), out);
        assertTrue(out.contains("installed kernel 'shmkit' in " + env.resolve("share/jupyter/kernels/shmkit")), out);
        assertTrue(out.contains("jupyter on PATH: " + env.resolve("bin/jupyter")), out);
        assertFalse(out.contains("project's venv"), out);
    }
}
