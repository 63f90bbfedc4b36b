package dev.shmkit.pool.hazelcast;

import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.job.ResultSegment;
import dev.shmkit.job.TaskReport;
import dev.shmkit.object.ArrayInfo;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.LongColumnView;
import dev.shmkit.table.OutputColumn;
import dev.shmkit.table.OutputSchema;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Output tables on a cluster pool, with two real member JVMs on loopback: each member's tasks write
 * their rows into the member's own draft, the rows come back into the caller's draft (members never
 * map the caller's files: checked in their {@code /proc/PID/maps}), the job seals the caller's output;
 * a failing task publishes nothing and removes every draft, the caller's and the members'. A big task
 * result comes back as a result segment in the caller's results directory, mapped there, gone after close.
 * A member killed mid-write has its rows rewritten by the other, and the output sealed whole.
 */
@ExtendWith(SpaceDirExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOutputIT {
    private static final int ROWS = 2_000_000;
    /** 20 MB of doubles: over the default result segment threshold (1 MiB). */
    private static final int TWENTY_MB_DOUBLES = 2_500_000;
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

    private static ClusterPool connect() {
        // A member JVM that died since the last test is named here, with its exit code, instead of the pool
        // waiting 60 s for 2 members (a CI run once lost one between tests; its output is in the run's log)
        for (int i = 0; i < members.jvms.size(); i++) {
            Process p = members.jvms.get(i).process();
            assertTrue(p.isAlive(), "member " + members.addresses().get(i) + " (pid " + p.pid() + ") exited with code "
                    + (p.isAlive() ? "-" : p.exitValue()) + " before this test; its stderr is above in this run's output");
        }
        return ClusterPool.connect(ClusterOptions.join(String.join(",", members.addresses())).awaitMembers(2));
    }

    /** The regular files of the caller's space directory (but locks and pool state). */
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.equals(".lock") && !n.startsWith(".pools")).sorted().toList();
        }
    }

    /** Lines of the members' maps that map any file of the caller's space directory. */
    private static List<String> memberMapsOfCaller(Path dir) {
        return members.jvms.stream().flatMap(j -> ProcResources.mapsUnder(j.pid(), dir).stream()).toList();
    }

    private static List<String> memberFilesOf(String name) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < members.dirs.size(); i++) {
            members.files(i).stream().filter(f -> f.contains("/" + name + ".v")).forEach(out::add);
        }
        return out;
    }

    @Test
    @Order(1)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldWriteTwoMillionRowsOnBothMembersAndSealThemInTheCallersSpace(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir)); ClusterPool c = connect()) {
            SharedTable in = space.publish("in", ClusterPoolIT.table(ROWS, 1));
            OutputTable out = space.createTable("out", OutputSchema.create().doubleColumn("y").longColumn("pid"), ROWS);
            JobResult<SegmentId> r = c.pool().map(in, out, (view, rows, o) -> {
                DoubleColumnView x = view.doubleColumn("x");
                OutputColumn y = o.column("y");
                OutputColumn p = o.column("pid");
                long pid = ProcessHandle.current().pid();
                for (int i = rows.from(); i < rows.to(); i++) {
                    y.setDouble(i, 2 * x.get(i) + 1);
                    p.setLong(i, pid);
                }
            }, JobOptions.defaults().chunkCount(8));
            SegmentId id = r.values().get(0);
            assertEquals("out.v1", id.toString());
            assertTrue(out.isSealed());
            assertEquals(List.of(), memberMapsOfCaller(dir), "members map only their own copies, never the caller's files");
            assertEquals(List.of(), memberFilesOf("out"), "members removed their drafts when the job ended");
            ClusterReport report = c.lastJob();
            assertEquals((long) ROWS * (8 + 8), report.bytesReturned(), "every written byte came back once:\n" + report.text());
            for (String a : members.addresses()) {
                assertTrue(report.member(a).bytesReturned() > 0, "member " + a + " sent rows back:\n" + report.text());
            }
            try (SharedTable t = space.table("out")) {
                assertEquals(ROWS, t.rowCount());
                DoubleColumnView y = t.doubleColumn("y");
                LongColumnView p = t.longColumn("pid");
                Set<Long> writers = new TreeSet<>();
                for (int i = 0; i < ROWS; i++) {
                    if (y.get(i) != 2.0 * i + 1) {
                        fail("row " + i + ": y=" + y.get(i) + " != " + (2.0 * i + 1));
                    }
                    writers.add(p.get(i));
                }
                Set<Long> memberPids = new TreeSet<>(members.jvms.stream().map(j -> j.pid()).toList());
                assertEquals(memberPids, writers, "both members wrote rows, and no row was left unwritten (pid 0)");
            }
            assertEquals(List.of("in.v1.p" + ProcessHandle.current().pid() + ".arrow",
                    "out.v1.p" + ProcessHandle.current().pid() + ".arrow"), files(dir), "no draft left in the caller's space");
        }
    }

    @Test
    @Order(2)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldPublishNothingAndRemoveEveryDraftWhenATaskFails(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir)); ClusterPool c = connect()) {
            OutputTable out = space.createTable("bad", OutputSchema.create().longColumn("v"), 400_000);
            JobFailedException e = assertThrows(JobFailedException.class, () -> c.pool().map(out, (rows, o) -> {
                for (int i = rows.from(); i < rows.to(); i++) {
                    o.column("v").setLong(i, i);
                }
                if (rows.from() == 0) {
                    throw new IllegalStateException("task of rows " + rows + " fails on purpose");
                }
            }, JobOptions.defaults().chunkCount(8)));
            assertTrue(String.valueOf(e.getMessage()).contains("fails on purpose") || String.valueOf(e.getCause()).contains("fails on purpose"),
                    "the task's error is the job's: " + e);
            assertTrue(out.isAborted());
            assertTrue(space.entry("bad").isEmpty(), "a failed job publishes nothing");
            assertEquals(List.of(), files(dir).stream().filter(n -> n.contains("bad.")).toList(), "the caller's draft is gone");
            assertEquals(List.of(), memberFilesOf("bad"), "the members' drafts are gone");
            assertEquals(List.of(), memberMapsOfCaller(dir), "members never mapped the caller's files");

            OutputTable good = space.createTable("good", OutputSchema.create().longColumn("v"), 400_000);
            JobResult<SegmentId> r = c.pool().map(good, (rows, o) -> {
                for (int i = rows.from(); i < rows.to(); i++) {
                    o.column("v").setLong(i, 3L * i);
                }
            }, JobOptions.defaults().chunkCount(8));
            try (SharedTable t = space.table("good")) {
                LongColumnView v = t.longColumn("v");
                for (int i = 0; i < 400_000; i++) {
                    if (v.get(i) != 3L * i) {
                        fail("row " + i + ": v=" + v.get(i) + " != " + 3L * i);
                    }
                }
            }
            assertEquals("good.v1", r.values().get(0).toString(), "the pool runs the next output job after a failed one");
        }
    }
    private static double[] doubles(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.5;
        }
        return a;
    }

    /** Every file under the caller's results directories, as the file system lists them. */
    private static List<Path> resultFiles(Path dir) throws IOException {
        Path pools = dir.resolve(".pools");
        if (!Files.isDirectory(pools)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(pools)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().equals("results")).toList();
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldBringATwentyMegabyteResultBackAsAResultSegmentInTheCallersSpace(Path dir) throws Exception {
        String saved = System.getProperty(SpaceOptions.DIR_PROPERTY);
        System.setProperty(SpaceOptions.DIR_PROPERTY, dir.toString());
        try (ClusterPool c = connect()) {
            JobResult<double[]> r = c.pool().mapItems(List.of(TWENTY_MB_DOUBLES, 1000), ClusterOutputIT::doubles,
                    JobOptions.defaults().chunkSize(1));
            double[] a = r.values().get(0);
            assertEquals(TWENTY_MB_DOUBLES, a.length);
            assertEquals(12345 * 0.5, a[12345]);
            assertEquals((TWENTY_MB_DOUBLES - 1) * 0.5, a[TWENTY_MB_DOUBLES - 1]);
            assertEquals(999 * 0.5, r.values().get(1)[999], "a small result still comes inline");
            assertNull(r.resultSegment(1), "below the threshold: inline");

            TaskReport t = r.report().tasks().get(0);
            assertTrue(t.resultViaSegment(), t.toString());
            assertTrue(t.resultSegmentBytes() >= 8L * TWENTY_MB_DOUBLES, "segment bytes=" + t.resultSegmentBytes());
            assertTrue(t.resultBytes() < 1024, "no value bytes inline: " + t.resultBytes());
            assertEquals(t.resultSegmentBytes(), r.report().resultSegmentBytes());

            List<Path> files = resultFiles(dir);
            assertEquals(1, files.size(), files.toString());
            Path file = files.get(0);
            assertEquals(t.resultSegmentBytes(), Files.size(file));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertTrue(ProcResources.mapsUnder(ProcResources.self(), dir).stream().anyMatch(l -> l.contains(file.toString())),
                    "mapped here: " + ProcResources.mapsUnder(ProcResources.self(), dir));
            ResultSegment seg = r.resultSegment(0);
            assertNotNull(seg);
            ArrayInfo info = seg.objectSegment().arrays().get(0);
            assertEquals(777 * 0.5, seg.objectSegment().doubles(info.path()).get(777), "read in place");
            for (int i = 0; i < members.dirs.size(); i++) {
                assertEquals(List.of(), members.files(i).stream().filter(f -> f.endsWith(".res")).toList(),
                        "the member removed its copy once sent");
            }

            r.close();
            assertTrue(seg.isClosed());
            assertEquals(List.of(), resultFiles(dir), "the file is gone after close");
            assertEquals(List.of(), ProcResources.mapsUnder(ProcResources.self(), dir), "and unmapped");
        } finally {
            if (saved == null) {
                System.clearProperty(SpaceOptions.DIR_PROPERTY);
            } else {
                System.setProperty(SpaceOptions.DIR_PROPERTY, saved);
            }
        }
        assertTrue(!Files.exists(dir.resolve(".pools")) || resultFiles(dir).isEmpty(), "the pool's close removed its results");
    }
    /** Last: it kills one of the two members. */
    @Test
    @Order(4)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldRetryTheRowsOfAMemberKilledMidWriteOnTheOtherAndSealThemAll(Path dir) throws Exception {
        String marker = dir.resolve("writer.pid").toString();
        int rows = 400_000;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir)); ClusterPool c = connect()) {
            OutputTable out = space.createTable("again", OutputSchema.create().longColumn("v"), rows);
            CompletableFuture<JobResult<SegmentId>> job = CompletableFuture.supplyAsync(() -> c.pool().map(out, (rr, o) -> {
                OutputColumn v = o.column("v");
                if (rr.from() == 0 && !Files.exists(Path.of(marker))) {
                    for (int i = rr.from(); i < rr.to(); i++) {
                        v.setLong(i, -1);  // half written, wrong, then the member dies
                    }
                    Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
                    Thread.sleep(600_000);
                }
                for (int i = rr.from(); i < rr.to(); i++) {
                    v.setLong(i, 3L * i);
                }
            }, JobOptions.defaults().chunkCount(8)));
            long t0 = System.nanoTime();
            while (!Files.exists(Path.of(marker)) || Files.readString(Path.of(marker)).isEmpty()) {
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(300), "the first task did not start in 300 s");
                Thread.sleep(20);
            }
            long writer = Long.parseLong(Files.readString(Path.of(marker)).trim());
            var victim = members.jvms.stream().filter(j -> j.pid() == writer).findFirst().orElseThrow();
            assertTrue(space.entry("again").isEmpty(), "nothing visible while the job runs");
            victim.kill();
            SegmentId id = job.get(300, TimeUnit.SECONDS).values().get(0);
            assertEquals("again.v1", id.toString());
            try (SharedTable t = space.table("again")) {
                LongColumnView v = t.longColumn("v");
                for (int i = 0; i < rows; i++) {
                    if (v.get(i) != 3L * i) {
                        fail("row " + i + ": v=" + v.get(i) + " != " + 3L * i + " (the retried rows must be rewritten)");
                    }
                }
            }
            assertTrue(c.lastJob().text().contains("left the cluster"), c.lastJob().text());
            int survivor = members.jvms.get(0).pid() == writer ? 1 : 0;
            assertEquals(List.of(), members.files(survivor).stream().filter(n -> n.contains("/again.v")).toList(),
                    "the surviving member removed its draft (the killed one's stays in its own directory, removed with it)");
        } finally {
            Files.deleteIfExists(Path.of(marker));
        }
    }
}
