package dev.shmkit.jshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./shmkit jshell} driven through its standard input: the startup helpers share a table and run map jobs. */
class JShellLauncherIT {
    private static final String SCRIPT = String.join("\n",
            "Table df = Table.create(\"df\", DoubleColumn.create(\"x\", IntStream.range(0, 100_000).asDoubleStream().toArray()));",
            "share(df, \"big\")",
            "workers(2)",
            "System.out.println(\"SUM \" + map(\"big\", (v, r) -> v.doubleColumn(\"x\").sum(r.from(), r.to())).reduce(0.0, Double::sum));",
            "System.out.println(compare(\"big\", (v, r) -> v.doubleColumn(\"x\").sum(r.from(), r.to()), 4));",
            "/exit", "");

    @Test
    void shouldShareATableAndRunMapJobsFromAScriptedSession(@TempDir Path space) throws Exception {
        Path launcher = Path.of("..", "shmkit").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(launcher), launcher.toString());
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "jshell", "-q").redirectErrorStream(true);
        pb.environment().put("SHMKIT_NO_BUILD", "1");  // mvn verify has just built what the launcher runs
        pb.environment().put("SHMKIT_DIR", space.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().write(SCRIPT.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("shared big as 'big' v1: 100,000 rows × 1 column,"), out);
        assertTrue(out.contains("2 workers\n  id      pid state     tasks done"), out);
        assertTrue(out.contains("SUM 4.99995E9"), out);
        assertTrue(out.contains("compare job 'big': copy vs proxy vs share"), out);
        assertTrue(out.matches("(?s).*sharing was [0-9.,]+× (faster|slower) and moved [0-9.,]+× fewer bytes.*"), out);
        assertTrue(out.contains("all 3 runs returned the same 4 values"), out);
        assertTrue(sessionProcessesGone(space), "the session's workers outlived it by 30 s");
    }

    /**
     * Whether every process started for the session (its workers inherit {@code SHMKIT_DIR}) has exited
     * within 30 s of the session: they go when their parent goes. Waiting also keeps the temporary
     * directory's cleanup from racing a worker that was still starting.
     */
    private static boolean sessionProcessesGone(Path dir) throws Exception {
        byte[] needle = ("SHMKIT_DIR=" + dir + "\0").getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean any = false;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) procs.filter(x -> x.getFileName().toString().matches("\\d+"))::iterator) {
                    try {
                        any |= contains(Files.readAllBytes(proc.resolve("environ")), needle);
                    } catch (java.io.IOException | SecurityException gone) {
                        // exited meanwhile, or not ours
                    }
                }
            }
            if (!any) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
