package dev.shmkit.testing;

import dev.shmkit.JvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real second JVM running a test-side main class with this JVM's class path and shmkit's flags. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** As {@link #start(Class, String...)}, with extra JVM options (e.g. {@code -Djava.io.tmpdir=...}). */
    public static ChildJvm start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return startWithClasspath(jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /** As {@link #start(List, Class, String...)}, with another class path. */
    public static ChildJvm startWithClasspath(List<String> jvmOptions, String classpath, Class<?> main, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Whether the child printed something not read yet. */
    public boolean outReady() throws IOException {
        return out.ready();
    }

    /** Next line the child printed, failing after {@code seconds}. */
    public String readLine(int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (out.ready()) {
                return out.readLine();
            }
            if (!process.isAlive() && !out.ready()) {
                String rest = out.readLine();
                if (rest != null) {
                    return rest;
                }
                throw new AssertionError("child exited with " + process.exitValue() + " before printing a line");
            }
            Thread.sleep(5);
        }
        throw new AssertionError("child printed nothing within " + seconds + " s");
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    public String expect(String prefix, int seconds) throws IOException, InterruptedException {
        while (true) {
            String line = readLine(seconds);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    public int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
