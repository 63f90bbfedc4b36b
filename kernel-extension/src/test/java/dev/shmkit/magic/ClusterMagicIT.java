package dev.shmkit.magic;

import dev.shmkit.cli.Main;
import dev.shmkit.kernel.RunningKernel;
import dev.shmkit.kernel.ShmkitKernel;
import dev.shmkit.testing.ChildJvm;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.shmkit.magic.MagicOutput.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %workers --cluster} end to end: a real kernel, two real member JVMs ({@code shmkit member} on
 * 127.0.0.1, free ports), a notebook cell's table map and item map run on the members through the
 * notebook's {@code pool} variable, then {@code %workers --local} back on this machine.
 */
class ClusterMagicIT {
    private static final int ROWS = 100_000;
    /** A member JVM joins in 1-2 s idle; the shared CI machine is often far busier. */
    private static final int READY_SECONDS = 120;
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    static ShmkitKernel kernel;
    static final List<ChildJvm> MEMBERS = new ArrayList<>();
    static final List<String> ADDRESSES = new ArrayList<>();
    static Path base;

    @BeforeAll
    static void start() throws Exception {
        kernel = RUNNING.kernel();
        base = Files.createTempDirectory(Path.of("/dev/shm"), "shmkit-members-");
        for (int i = 0; i < 2; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            List<String> args = new ArrayList<>(List.of("member", "--port", Integer.toString(port), "--workers", "1",
                    "--dir", base.toString()));
            if (!ADDRESSES.isEmpty()) {
                args.addAll(List.of("--join", ADDRESSES.get(0)));
            }
            ChildJvm m = ChildJvm.start(List.of("-Xmx512m"), Main.class, args.toArray(new String[0]));
            MEMBERS.add(m);
            m.expect("shmkit member: ready at 127.0.0.1:" + port, READY_SECONDS);
            ADDRESSES.add("127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            kernel.evalRaw("%workers --local 1");  // leaves the cluster before the members go
        } finally {
            MEMBERS.forEach(m -> m.process().destroy());
            List<Long> alive = new ArrayList<>();
            for (ChildJvm m : MEMBERS) {
                if (!m.process().waitFor(60, TimeUnit.SECONDS)) {
                    alive.add(m.pid());
                    m.kill();
                }
            }
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            assertEquals(List.of(), alive, "members that did not exit on SIGTERM within 60 s");
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRunTheNotebooksJobsOnTheClusterAfterWorkersCluster() {
        MagicOutput.shareBig(kernel, ROWS);
        DisplayData d = MagicOutput.magic(kernel, "%workers --cluster " + String.join(",", ADDRESSES));
        assertTrue(text(d).startsWith("2 workers\n"), text(d));
        for (ChildJvm m : MEMBERS) {
            assertTrue(text(d).contains(" " + m.pid() + " "), "the slots show their member's pid: " + text(d));
        }
        Object sum = kernel.evalRaw("pool.map(space.table(\"big\"), (view, rows) -> view.doubleColumn(\"x\")"
                + ".sum(rows.from(), rows.to())).reduce(0.0, Double::sum)");
        assertEquals((double) ROWS * (ROWS - 1) / 2, sum);
        Object text = kernel.evalRaw("dev.shmkit.magic.NotebookCluster.current().lastJob().text()");
        assertTrue(String.valueOf(text).contains("once per member per version"), String.valueOf(text));
        for (String a : ADDRESSES) {
            assertTrue(String.valueOf(text).contains(a), a + " ran tasks: " + text);
        }
        kernel.evalRaw("int offset = 1000;");
        Object pids = kernel.evalRaw("new java.util.TreeSet<>(pool.mapItems(java.util.List.of(1, 2, 3, 4, 5, 6),"
                + " (dev.shmkit.job.SerializableFunction<Integer, Long>) x -> ProcessHandle.current().pid() + 0L * offset)"
                + ".values())");
        List<Long> memberPids = MEMBERS.stream().map(ChildJvm::pid).toList();
        for (Object p : (java.util.Collection<?>) pids) {
            assertTrue(memberPids.contains((Long) p), "ran on a member: " + pids + " members " + memberPids);
        }
        DisplayData local = MagicOutput.magic(kernel, "%workers --local 1");
        assertTrue(text(local).startsWith("1 worker\n"), text(local));
        assertFalse(text(local).contains(" " + MEMBERS.get(0).pid() + " "), text(local));
    }
}
