package dev.shmkit.pool.hazelcast;

import dev.shmkit.cli.Main;
import dev.shmkit.testing.ChildJvm;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real member JVMs for the cluster ITs: {@code shmkit member} (the CLI's main class) on 127.0.0.1 at
 * free ports, under a base directory of the test's own. Closing stops them with SIGTERM (then kills)
 * and checks, with ProcessHandle, that they are gone.
 */
final class Members implements AutoCloseable {
    /** A member JVM joins in 1-2 s idle; the shared CI machine is often far busier. */
    static final int READY_SECONDS = 120;

    final Path base;
    final List<ChildJvm> jvms = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    final List<Path> dirs = new ArrayList<>();

    Members(Path base) {
        this.base = base;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Starts one member with {@code workers} slots joining the ones started before; waits for its ready line. */
    ChildJvm start(int workers) throws IOException, InterruptedException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("member", "--port", Integer.toString(port), "--workers",
                Integer.toString(workers), "--dir", base.toString()));
        if (!ports.isEmpty()) {
            args.add("--join");
            args.add(String.join(",", addresses()));
        }
        ChildJvm m = ChildJvm.start(List.of("-Xmx512m"), Main.class, args.toArray(new String[0]));
        jvms.add(m);
        String ready = m.expect("shmkit member: ready at 127.0.0.1:" + port, READY_SECONDS);
        ports.add(port);
        dirs.add(Path.of(ready.replaceAll(".* dir=(\\S+) .*", "$1")));
        return m;
    }

    List<String> addresses() {
        return ports.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    /** The regular files under member {@code i}'s directory (relative paths), but the space locks. */
    List<String> files(int i) throws IOException {
        Path d = dirs.get(i);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .map(p -> d.relativize(p).toString()).sorted().toList();
        }
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm m : jvms) {
            m.process().destroy();  // SIGTERM: the member leaves the cluster and removes its directory
        }
        List<String> alive = new ArrayList<>();
        for (ChildJvm m : jvms) {
            if (!m.process().waitFor(60, TimeUnit.SECONDS)) {
                alive.add("pid " + m.pid());
                m.kill();
            }
        }
        for (ChildJvm m : jvms) {
            if (ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                alive.add("pid " + m.pid() + " still alive after kill");
            }
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (!alive.isEmpty()) {
            throw new AssertionError("members did not exit on SIGTERM within 60 s: " + alive);
        }
    }
}
