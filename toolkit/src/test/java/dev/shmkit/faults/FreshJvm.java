package dev.shmkit.faults;

import dev.shmkit.JvmFlags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM (this JVM's class path and shmkit's flags) in a given working
 * directory, bounded in time. A child that does not finish is thread-dumped with {@code jstack}
 * and killed, and the failure carries its output and the dump.
 */
final class FreshJvm {
    /** The outcome of one child: its exit code and everything it printed (stdout and stderr). */
    record Result(int exit, String output) {
    }

    private FreshJvm() {
    }

    static Result run(Path workDir, int seconds, Class<?> main, String... args) throws IOException, InterruptedException {
        return run(workDir, seconds, List.of(), main, args);
    }

    static Result run(Path workDir, int seconds, List<String> jvmArgs, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return runCommand(workDir, seconds, cmd);
    }

    static Result runCommand(Path workDir, int seconds, List<String> cmd) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = Files.createTempFile("shmkit-fresh-jvm-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                String dump = jstack(p.pid());
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("child pid=" + p.pid() + " " + String.join(" ", cmd.subList(cmd.size() - 2, cmd.size()))
                        + " did not finish within " + seconds + " s\n--- output ---\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + "\n--- jstack ---\n" + dump);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String jstack(long pid) throws IOException, InterruptedException {
        Path jstack = Path.of(javaCommand()).resolveSibling("jstack");
        if (!Files.isExecutable(jstack)) {
            return "(no jstack at " + jstack + ")";
        }
        Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
