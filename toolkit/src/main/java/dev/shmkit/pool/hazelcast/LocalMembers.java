package dev.shmkit.pool.hazelcast;

import dev.shmkit.JvmFlags;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Member JVMs on this machine, for a notebook or a benchmark that wants a loopback cluster without a
 * terminal: each runs {@link ClusterMember#main} (what {@code ./shmkit member} runs) with this JVM's
 * {@code java}, class path and flags, on 127.0.0.1 at a free port. Closing sends SIGTERM (members leave
 * the cluster and remove their directories), then kills what is left, and waits for the processes to end.
 */
public final class LocalMembers implements AutoCloseable {
    /** Hazelcast asks for these to use its fast paths; without them it prints a warning at start. */
    public static final List<String> HAZELCAST_FLAGS = List.of("--add-modules", "java.se",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    /** A member joins in 1-2 s on an idle machine; a busy shared one needs far more. */
    private static final long READY_SECONDS = 120;
    /** Time members get to leave and exit after SIGTERM before they are killed. */
    private static final long EXIT_SECONDS = 30;

    private final List<Process> processes = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private boolean closed;

    private LocalMembers() {
    }

    /** Starts {@code n} members with {@code workers} task slots each, one after the other, each joining the first. */
    public static LocalMembers start(int n, int workers) {
        LocalMembers m = new LocalMembers();
        try {
            for (int i = 0; i < n; i++) {
                m.startOne(workers);
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private void startOne(int workers) {
        int port = HazelcastConfigs.freePort(ClusterOptions.LOOPBACK);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.addAll(HAZELCAST_FLAGS);
        cmd.addAll(List.of("-cp", classpath(), ClusterMember.class.getName(), Integer.toString(port), Integer.toString(workers)));
        if (!addresses.isEmpty()) {
            cmd.add(addresses.get(0));
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ClusterException("member: starting command=" + cmd.get(0) + " failed: " + e, e);
        }
        processes.add(p);
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(ClusterMember.READY)) {
                        ready.complete(line);
                    } else if (!ready.isDone()) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the member is gone
            }
            ready.complete(null);
        }, "shmkit-member-" + port);
        t.setDaemon(true);
        t.start();
        String line;
        try {
            line = ready.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null) {
            p.destroyForcibly();
            synchronized (lines) {
                throw new ClusterException("member at 127.0.0.1:" + port + " (pid " + p.pid() + ") not ready within "
                        + READY_SECONDS + " s" + (p.isAlive() ? "" : ", exit=" + p.exitValue()) + "; its output: " + lines);
            }
        }
        addresses.add(ClusterOptions.LOOPBACK + ":" + port);
    }

    /** This JVM's class path, plus what loaders above shmkit's hold (the jshell tool puts --class-path there). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        for (ClassLoader l = LocalMembers.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            entries.add(Path.of(url.toURI()).toString());
                        }
                    } catch (URISyntaxException | IllegalArgumentException ignored) {
                        // not a plain file: a member could not use it either
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** HOST:PORT of the members, comma-separated (what {@link ClusterOptions#join} and {@code %workers --cluster} take). */
    public String addresses() {
        return String.join(",", addresses);
    }

    /** The members' process ids. */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Stops the members (SIGTERM, then kill) and waits for them; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                processes.forEach(Process::destroyForcibly);
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "LocalMembers" + addresses + " pids=" + pids();
    }
}
