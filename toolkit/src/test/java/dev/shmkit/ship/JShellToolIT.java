package dev.shmkit.ship;

import dev.shmkit.JvmFlags;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static String run(List<String> modeArgs, String flagPrefix) throws Exception {
        String cp = String.join(File.pathSeparator, JShellShippingIT.toolkitClasspath());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jshell").toString());
        cmd.add("-q");
        cmd.addAll(modeArgs);
        cmd.add("--class-path");
        cmd.add(cp);
        for (String f : JvmFlags.forCurrentRuntime()) {
            cmd.add(flagPrefix + f);
        }
        if (flagPrefix.equals("-J")) {
            // jshell 17 in local mode does not put --class-path on the execution loader; give it to the JVM too
            cmd.add("-J-cp");
            cmd.add("-J" + cp);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(SCRIPT.getBytes(StandardCharsets.UTF_8));
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
}
