package dev.shmkit.space;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;
import dev.shmkit.pool.WorkerInfo;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.segment.SegmentMappings;
import dev.shmkit.table.SharedTable;
import dev.shmkit.cli.Main;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code space.mappings()} against the operating system: the parent and two real worker JVMs map a
 * table, so three processes are listed, each with about the table resident, and their PSS sums to
 * about the table's size once; a Python process that memory-maps the same file with pyarrow appears
 * as a fourth holder, and the PSS sum stays the table's size.
 */
@ExtendWith(SpaceDirExtension.class)
class WhoMapsIT {
    /** 4 M doubles = 32 MB: big enough to dwarf the Arrow metadata, small enough for CI. */
    private static final int ROWS = 4_000_000;
    /** smaps rounds each mapping's PSS down to whole kB; a few pages of slack per process. */
    private static final long SLACK = 64 * 1024;

    private static final String PY_READER = String.join("\n",
            "import sys, pyarrow as pa, pyarrow.compute as pc",
            "t = pa.ipc.open_file(pa.memory_map(sys.argv[1])).read_all()",
            "print('sum', pc.sum(t.column('x')).as_py(), flush=True)",
            "sys.stdin.readline()");

    @Test
    @Timeout(180)
    void shouldListParentWorkersAndPythonWithPssSummingToTheTable(Path dir) throws Exception {
        double[] x = IntStream.range(0, ROWS).asDoubleStream().toArray();
        double expected = (double) ROWS * (ROWS - 1) / 2;
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir));
             WorkerPool pool = WorkerPool.start(2)) {
            SharedTable big = space.publish("big", Table.create("t", DoubleColumn.create("x", x)));
            assertEquals(expected, big.doubleColumn("x").sum(), "the parent reads every page");
            // Two tasks, one per worker (dispatch goes round the idle workers); each reads the whole column.
            JobResult<Double> r = pool.map(big, (view, rows) -> view.doubleColumn("x").sum(0, view.rowCount()),
                    JobOptions.defaults().chunkCount(2));
            assertEquals(List.of(expected, expected), r.values());
            Set<Long> workerPids = pool.workers().stream().map(WorkerInfo::pid).collect(Collectors.toSet());
            long file = Files.size(space.store().current("big").orElseThrow().path());

            SegmentMappings who = space.mappings();
            System.out.print(who);
            SegmentMappings.Segment seg = who.segment("big").orElseThrow(() -> new AssertionError("big not mapped:\n" + who));
            Set<Long> holders = seg.uses().stream().map(SegmentMappings.Use::pid).collect(Collectors.toSet());
            assertTrue(holders.contains(ProcessHandle.current().pid()), who::toString);
            assertTrue(holders.containsAll(workerPids), "workers " + workerPids + " missing:\n" + who);
            assertEquals(3, holders.size(), who::toString);
            assertResidentEverywhere(seg, file, who);
            assertPssAboutFile(seg, file, who);

            String cli = cli(dir);
            for (long pid : holders) {
                assertTrue(cli.contains("\n  " + pid + " "), "./shmkit space --who misses pid " + pid + ":\n" + cli);
            }
            assertTrue(cli.contains("big v1 (published, file 32.0 MB): 3 processes"), cli);

            Process py = python(space.store().current("big").orElseThrow().path());
            try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertEquals("sum " + (long) expected, line == null ? "python printed nothing" : line.replace(".0", ""));
                SegmentMappings withPython = space.mappings();
                System.out.print(withPython);
                SegmentMappings.Segment s2 = withPython.segment("big").orElseThrow();
                assertEquals(4, s2.uses().size(), withPython::toString);
                assertTrue(s2.uses().stream().anyMatch(u -> u.pid() == py.pid() && u.command().startsWith("python")),
                        "python pid " + py.pid() + " not listed:\n" + withPython);
                assertResidentEverywhere(s2, file, withPython);
                assertPssAboutFile(s2, file, withPython);
            } finally {
                py.getOutputStream().close();
                if (!py.waitFor(20, TimeUnit.SECONDS)) {
                    py.destroyForcibly().waitFor();
                }
            }
            assertEquals(0, py.exitValue(), "python reader failed: " + new String(py.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8));
            assertTrue(space.remove("big"));
        }
    }

    /** Every holder has the data resident: at least 90 % of the file (the Arrow metadata pages may stay untouched). */
    private static void assertResidentEverywhere(SegmentMappings.Segment seg, long file, SegmentMappings who) {
        for (SegmentMappings.Use u : seg.uses()) {
            assertTrue(u.rssBytes() >= file * 9 / 10 && u.rssBytes() <= file + SLACK,
                    "pid " + u.pid() + " rss=" + u.rssBytes() + " file=" + file + ":\n" + who);
        }
    }

    /** The pages are physical memory once: PSS sums to the file size, within page granularity. */
    private static void assertPssAboutFile(SegmentMappings.Segment seg, long file, SegmentMappings who) {
        long pss = seg.pssBytes();
        long slack = SLACK * seg.uses().size();
        assertTrue(pss >= file * 9 / 10 && pss <= file + slack, "pss sum=" + pss + " file=" + file
                + " (three copies would be " + 3 * file + "):\n" + who);
        assertTrue(seg.rssBytes() > 2 * pss, "rss counts the shared pages per holder, pss once:\n" + who);
    }

    /** {@code shmkit space --dir DIR --who} in a child JVM (it maps nothing itself, so it lists the same three). */
    private static String cli(Path dir) throws Exception {
        try (ChildJvm c = ChildJvm.start(Main.class, "space", "--dir", dir.toString(), "--who")) {
            String out = new String(c.process().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, c.waitFor(60), out);
            System.out.print("./shmkit space --who:\n" + out);
            return out;
        }
    }

    private static Process python(Path file) throws Exception {
        String py = System.getProperty("shmkit.python");
        if (py == null || py.isBlank() || py.contains("${")) {
            py = System.getenv("SHMKIT_PYTHON");
        }
        if (py == null || py.isBlank()) {
            Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            py = (Files.isDirectory(root.resolve("toolkit")) ? root : root.getParent()).resolve(".venv/bin/python").toString();
        }
        if (!Files.isExecutable(Path.of(py))) {
            fail("no Python with pyarrow at " + py + " (-Dshmkit.python, SHMKIT_PYTHON or <repo>/.venv): run ./shmkit venv");
        }
        return new ProcessBuilder(py, "-c", PY_READER, file.toString()).start();
    }
}
