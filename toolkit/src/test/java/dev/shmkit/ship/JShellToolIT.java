package dev.shmkit.ship;

import dev.shmkit.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code jshell} tool itself, script on stdin, in both execution modes. */
class JShellToolIT {
    private static final String SCRIPT = String.join("\n",
            "import dev.shmkit.pool.*; import dev.shmkit.job.*; import java.util.*;",
            "WorkerPool pool = WorkerPool.start(2);",
            "int k = 5;",
            "System.out.println(\"RESULT \" + pool.mapItems(List.of(1, 2, 3), (SerializableFunction<Integer,Integer>) x -> x + k).values());",
            "int[] big = new int[5_000_000];",
            "try { pool.mapItems(List.of(1), (SerializableFunction<Integer,Integer>) x -> big.length); } "
                    + "catch (dev.shmkit.ship.ShippingRefusedException e) { System.out.println(\"REFUSED \" + e.getMessage()); }",
            "pool.close();",
            "/exit", "");

    /** What someone who read "import the toolkit" types into a plain jshell: publish, a pool, a lambda. */
    private static final String PLAIN_SCRIPT = String.join("\n",
            "import dev.shmkit.pool.*; import dev.shmkit.space.*; import java.util.*;",
            "var df = dev.shmkit.data.TableGenerator.rows(1000).doubles(1).seed(1).generate();",
            "try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(java.nio.file.Path.of(\"SPACE_DIR\")))) "
                    + "{ space.publish(\"plain\", df); } "
                    + "catch (dev.shmkit.ShmkitException e) { System.out.println(\"PUBLISH \" + e.getMessage()); }",
            "WorkerPool pool = WorkerPool.start(2);",
            "System.out.println(\"RESULT \" + pool.mapItems(List.of(1, 2, 3), x -> x * x).values());",
            "pool.close();",
            "/exit", "");

    private static String run(List<String> modeArgs, String flagPrefix) throws Exception {
        return run(modeArgs, flagPrefix, JvmFlags.forCurrentRuntime(), SCRIPT);
    }

    private static String run(List<String> modeArgs, String flagPrefix, List<String> flags, String script) throws Exception {
        String cp = String.join(File.pathSeparator, JShellShippingIT.toolkitClasspath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jshell").toString());
        cmd.add("-q");
        cmd.addAll(modeArgs);
        cmd.add("--class-path");
        cmd.add(cp);
        for (String f : flags) {
            cmd.add(flagPrefix + f);
        }
        if (flagPrefix.equals("-J")) {
            // jshell 17 in local mode does not put --class-path on the execution loader; give it to the JVM too
            cmd.add("-J-cp");
            cmd.add("-J" + cp);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        return out;
    }

    private static void check(String out) {
        assertTrue(out.contains("RESULT [6, 7, 8]"), out);
        assertTrue(out.contains("REFUSED JShell variable 'big' (type=int[], size=20000000 B"), out);
    }

    @Test
    void shouldRunLambdaFromJShellToolWithLocalExecution() throws Exception {
        check(run(List.of("--execution", "local"), "-J"));
    }

    @Test
    void shouldRunLambdaFromJShellToolWithRemoteAgent() throws Exception {
        check(run(List.of(), "-R"));
    }

    @Test
    void shouldSayTheJShellFlagsOnceAndRunLambdaInPlainJShellWithoutFlags(@TempDir Path dir) throws Exception {
        Path spaceDir = dir.resolve("space");
        String out = run(List.of(), "-R", List.of(), PLAIN_SCRIPT.replace("SPACE_DIR", spaceDir.toString()));
        assertTrue(out.contains("PUBLISH cannot map "), out);
        assertTrue(out.contains("start jshell with -R--add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
                + "-R--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), out);
        assertTrue(out.contains("or use ./shmkit jshell"), out);
        assertEquals(1, out.split("lacks the flags", -1).length - 1, out);
        // no third-party stack traces: neither Chronicle's logging nor Kryo's ClosureSerializer warnings
        assertFalse(out.contains("net.openhft"), out);
        assertFalse(out.contains("InaccessibleObjectException"), out);
        assertFalse(out.contains("\tat "), out);
        // the lambda runs on the workers without --add-opens java.base/java.lang.invoke
        assertTrue(out.contains("RESULT [1, 4, 9]"), out);
    }
}
