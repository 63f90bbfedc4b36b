package dev.shmkit.pool.hazelcast;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster backend on loopback with two real member JVMs ({@code shmkit member}) and this JVM as the
 * caller: the right sum, each version shipped once per member (checked on the members' directories,
 * their files' inodes and their {@code /proc/PID/maps}), a republish shipped once more, a caller's
 * segments dropped when it leaves, and a member killed with SIGKILL mid-job (last: it ends the cluster's
 * second member).
 */
@ExtendWith(SpaceDirExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPoolIT {
    private static final int ROWS = 200_000;
    /** 127.0.0.1 as /proc/net/tcp writes it, and as an IPv4-mapped address in /proc/net/tcp6. */
    private static final List<String> LOOPBACK_HEX = List.of("0100007F", "0000000000000000FFFF00000100007F");
    private static Members members;

    @BeforeAll
    static void startMembers() throws Exception {
        members = new Members(Files.createTempDirectory(Path.of("/dev/shm"), "shmkit-members-"));
        members.start(2);
        members.start(2);
    }

    @AfterAll
    static void stopMembers() throws Exception {
        members.close();
    }

    static ClusterPool connect() {
        return ClusterPool.connect(ClusterOptions.join(String.join(",", members.addresses()))
                .awaitMembers(members.jvms.size() - (int) members.jvms.stream().filter(j -> !j.process().isAlive()).count()));
    }

    static Table table(int rows, double scale) {
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i * scale;
        }
        return Table.create("t", DoubleColumn.create("x", x));
    }

    static double sum(ClusterPool c, SharedTable t) {
        JobResult<Double> r = c.pool().map(t, (v, rows) -> v.doubleColumn("x").sum(rows.from(), rows.to()),
                JobOptions.defaults().chunkCount(8));
        return r.reduce(0.0, Double::sum);
    }

    private static long inode(Path p) throws Exception {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    /** The member's copy of {@code name}, as its directory holds it (exactly one file expected). */
    private static Path onlyCopy(int member) throws Exception {
        List<String> files = members.files(member);
        assertEquals(1, files.size(), "member " + member + " holds one segment file: " + files);
        return members.dirs.get(member).resolve(files.get(0));
    }

    @Test
    @Order(1)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldSumOnTwoMembersShippingEachVersionOncePerMember(Path dir) throws Exception {
        double expected = (double) ROWS * (ROWS - 1) / 2;
        String caller;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir)); ClusterPool c = connect()) {
            SharedTable t = space.publish("big", table(ROWS, 1));
            long size = Files.size(LocalSegmentSource.get().locateFile(t.id()).orElseThrow());
            List<Long> inodes = new ArrayList<>();
            for (int job = 1; job <= 3; job++) {
                assertEquals(expected, sum(c, t), "job " + job);
                ClusterReport r = c.lastJob();
                assertEquals(8, r.tasks(), r.text());
                for (String a : members.addresses()) {
                    ClusterReport.Member m = r.member(a);
                    assertTrue(m != null && m.tasks() > 0, "member " + a + " ran tasks of job " + job + ":\n" + r.text());
                    assertEquals(job == 1 ? size : 0, m.bytesShipped(), "job " + job + " shipped to " + a + ":\n" + r.text());
                }
                for (int i = 0; i < 2; i++) {
                    Path copy = onlyCopy(i);
                    assertEquals(size, Files.size(copy), "the member's copy is the whole file");
                    if (job == 1) {
                        inodes.add(inode(copy));
                    } else {
                        assertEquals(inodes.get(i), inode(copy), "member " + i + " keeps the same file (no second ship)");
                    }
                }
            }
            for (int i = 0; i < 2; i++) {
                long pid = members.jvms.get(i).pid();
                assertFalse(ProcResources.mapsUnder(pid, members.dirs.get(i)).isEmpty(), "member maps its own copy");
                assertEquals(List.of(), ProcResources.mapsUnder(pid, dir), "member maps nothing of the caller's space");
            }
            for (int port : members.ports) {
                List<String> on = listeners(port);
                assertFalse(on.isEmpty(), "member port " + port + " is listening");
                assertTrue(on.stream().allMatch(LOOPBACK_HEX::contains), "member port " + port + " listens on 127.0.0.1 only"
                        + " (IPv4 or IPv4-mapped IPv6): " + on);
            }
            ClusterReport pool = c.report();
            for (String a : members.addresses()) {
                assertEquals(1, pool.member(a).ships(), pool.text());
                assertEquals(size, pool.member(a).bytesShipped(), pool.text());
            }
            caller = onlyCopy(0).getParent().getFileName().toString();

            SharedTable t2 = space.publish("big", table(ROWS, 2));
            assertEquals(2 * expected, sum(c, t2));
            assertEquals(2 * expected, sum(c, t2));
            pool = c.report();
            for (int i = 0; i < 2; i++) {
                String a = members.addresses().get(i);
                assertEquals(2, pool.member(a).ships(), "republished: shipped once more\n" + pool.text());
                Path copy = onlyCopy(i);
                assertTrue(copy.getFileName().toString().startsWith("big.v2."), "the newer version replaced the older: " + copy);
            }
            System.out.println(pool.text());
            t.close();
            t2.close();
        }
        for (int i = 0; i < 2; i++) {
            Path callerDir = members.dirs.get(i).resolve(caller);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.exists(callerDir) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(callerDir), "the caller left: member " + i + " dropped its segments " + callerDir);
            assertEquals(List.of(), ProcResources.mapsUnder(members.jvms.get(i).pid(), callerDir), "and unmapped them");
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldDropTheSegmentsOfACallerKilledWithSigkill(Path dir) throws Exception {
        try (ChildJvm caller = ChildJvm.start(List.of("-Xmx256m"), CallerProbe.class, dir.toString(),
                String.join(",", members.addresses()))) {
            assertEquals("done 10.0 2", caller.expect("done", 180), "the caller's job ran on both members");
            for (int i = 0; i < 2; i++) {
                assertEquals(1, members.files(i).size(), "member " + i + " holds the caller's copy: " + members.files(i));
            }
            caller.kill();  // SIGKILL: the caller cannot say goodbye
        }
        for (int i = 0; i < 2; i++) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!members.files(i).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertEquals(List.of(), members.files(i), "member " + i + " dropped the dead caller's segments");
            assertEquals(List.of(), ProcResources.mappedFilesUnder(members.jvms.get(i).pid(), members.dirs.get(i)),
                    "member " + i + " unmapped them");
        }
        try (var files = Files.walk(dir)) {  // what the killed caller published stays in its space: not this test's leak
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRunItemsAndSubmitOnMembers() throws Exception {
        try (ClusterPool c = connect()) {
            List<Integer> items = IntStream.range(0, 100).boxed().toList();
            SerializableFunction<Integer, Long> pid = x -> ProcessHandle.current().pid();
            List<Long> pids = c.pool().mapItems(items, pid, JobOptions.defaults().chunkSize(10)).values();
            List<Long> memberPids = members.jvms.stream().map(ChildJvm::pid).toList();
            assertTrue(memberPids.containsAll(pids), "every item ran in a member: " + pids.stream().distinct().toList());
            assertNotEquals(ProcessHandle.current().pid(), pids.get(0));
            long one = c.pool().submit(() -> ProcessHandle.current().pid()).join();
            assertTrue(memberPids.contains(one));
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldRunAJShellLambdaReadingATopLevelVariableOnAMember() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        try (jdk.jshell.JShell shell = jdk.jshell.JShell.builder().executionEngine("local").out(ps).err(ps).build()) {
            for (String entry : toolkitClasspath()) {
                shell.addToClasspath(entry);
            }
            jshell(shell, "import dev.shmkit.pool.hazelcast.*; import dev.shmkit.job.*; import java.util.*;");
            jshell(shell, "ClusterPool c = ClusterPool.connect(ClusterOptions.join(\"" + String.join(",", members.addresses())
                    + "\").awaitMembers(2));");
            try {
                jshell(shell, "int k = 5;");
                assertEquals("[6, 7, 8]", jshell(shell, "c.pool().mapItems(List.of(1, 2, 3), (SerializableFunction<Integer,Integer>) x -> x + k).values()"));
                jshell(shell, "k = 10;");
                assertEquals("[11, 12, 13]", jshell(shell, "c.pool().mapItems(List.of(1, 2, 3), (SerializableFunction<Integer,Integer>) x -> x + k).values()"));
                String pids = jshell(shell, "new TreeSet<>(c.pool().mapItems(List.of(1, 2, 3, 4, 5, 6, 7, 8), "
                        + "(SerializableFunction<Integer,Long>) x -> ProcessHandle.current().pid() + 0L * k).values()).toString()");
                List<Long> memberPids = members.jvms.stream().map(ChildJvm::pid).toList();
                for (String p : pids.replaceAll("[\\[\\]\" ]", "").split(",")) {
                    assertTrue(memberPids.contains(Long.parseLong(p)), "ran in a member: " + pids + " members " + memberPids);
                }
                assertEquals("0", jshell(shell, "c.pool().classRequests()"), "the snippet classes were pushed with the jobs");
            } finally {
                jshell(shell, "c.close();");
            }
        }
    }

    /** target/classes plus the dependency class path the build wrote (Hazelcast included). */
    private static List<String> toolkitClasspath() throws java.io.IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> cp = new ArrayList<>();
        cp.add(target.resolve("classes").toString());
        cp.addAll(List.of(Files.readString(target.resolve("classpath.txt")).trim().split(java.io.File.pathSeparator)));
        return cp;
    }

    /** The local addresses (hex, as /proc/net/tcp{,6} writes them) with a socket listening on {@code port}. */
    private static List<String> listeners(int port) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        String hexPort = String.format("%04X", port);
        for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(f);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 3 && cols[3].equals("0A") && cols[1].endsWith(":" + hexPort)) {
                    out.add(cols[1].substring(0, cols[1].indexOf(':')));
                }
            }
        }
        return out;
    }

    private static boolean bothRan(ClusterReport r) {
        return members.addresses().stream().allMatch(a -> r.member(a) != null && r.member(a).tasks() > 0);
    }

    private static String jshell(jdk.jshell.JShell shell, String src) {
        String value = null;
        for (jdk.jshell.SnippetEvent e : shell.eval(src)) {
            if (e.exception() != null) {
                throw new AssertionError("snippet threw: " + src, e.exception());
            }
            if (e.status() == jdk.jshell.Snippet.Status.REJECTED) {
                throw new AssertionError("rejected: " + src + " " + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
            value = e.value();
        }
        return value;
    }

    @Test
    @Order(5)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldGiveUpATaskOverItsTimeoutAndKeepTheClusterPoolWorking() throws Exception {
        try (ClusterPool c = connect()) {
            int slots = c.pool().workers().size();
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> c.pool().submit(() -> {
                        Thread.sleep(120_000);
                        return 1;
                    }, JobOptions.defaults().timeout(java.time.Duration.ofSeconds(2)).retries(0)).join());
            assertTrue(String.valueOf(e.getMessage()).contains("exceeded timeout"), String.valueOf(e));
            SerializableFunction<Integer, Integer> sq = x -> x * x;
            assertEquals(List.of(1, 4, 9), c.pool().mapItems(List.of(1, 2, 3), sq).values(), "the pool still runs jobs");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (c.pool().workers().size() < slots && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(slots, c.pool().workers().size(), "the given-up slot was replaced");
        }
    }

    @Test
    @Order(6)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldFinishTheJobOnTheOtherMemberWhenOneIsKilled() throws Exception {
        try (ClusterPool c = connect()) {
            List<Integer> items = IntStream.range(0, 40).boxed().toList();
            SerializableFunction<Integer, Long> slow = x -> {
                java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
                return (long) x;
            };
            CompletableFuture<JobResult<Long>> job = c.pool().submitItems(items, slow, JobOptions.defaults().chunkSize(1).retries(2))
                    .asCompletable();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!bothRan(c.lastJob()) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(bothRan(c.lastJob()), "both members ran tasks of the job before the kill:\n" + c.lastJob().text());
            ChildJvm victim = members.jvms.get(1);
            victim.process().destroyForcibly();  // SIGKILL
            assertTrue(victim.process().waitFor(30, TimeUnit.SECONDS));
            JobResult<Long> r = job.get(240, TimeUnit.SECONDS);
            assertEquals(items.stream().map(Integer::longValue).toList(), r.values());
            ClusterReport rep = c.lastJob();
            assertTrue(rep.notes().stream().anyMatch(n -> n.contains(members.addresses().get(1)) && n.contains("left")),
                    "the job's cluster report says the member left:\n" + rep.text());
            assertTrue(rep.member(members.addresses().get(0)).tasks() > rep.member(members.addresses().get(1)).tasks(), rep.text());
            assertTrue(r.report().tasks().stream().anyMatch(t -> t.attempts() > 1), "a task the killed member held was retried");
            System.out.println(rep.text());
        }
    }
}
