package dev.shmkit.magic;

import dev.shmkit.kernel.CellException;
import dev.shmkit.kernel.CellInterruptedException;
import dev.shmkit.kernel.RunningKernel;
import dev.shmkit.kernel.ShmkitKernel;
import dev.shmkit.pool.WorkerInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.shmkit.magic.MagicOutput.html;
import static dev.shmkit.magic.MagicOutput.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pool}, {@code %workers}, {@code %%compare} and progress display through a real kernel and real worker JVMs. */
class PoolMagicsIT {
    private static final int ROWS = 200_000;
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    static ShmkitKernel kernel;

    @BeforeAll
    static void start() {
        kernel = RUNNING.kernel();
        MagicOutput.shareBig(kernel, ROWS);
        kernel.evalRaw("%workers 2");
    }

    static DisplayData magic(String source) {
        return MagicOutput.magic(kernel, source);
    }

    @Test
    void shouldShowAndResizeTheNotebooksWorkers() {
        DisplayData d = magic("%workers");
        assertTrue(text(d).startsWith("2 workers\n"), text(d));
        assertTrue(html(d).contains("<th>pid</th>") && html(d).contains("<th>tasks done</th>"), html(d));
        for (WorkerInfo w : NotebookPool.pool().workers()) {
            assertTrue(html(d).contains("<td>" + w.pid() + "</td>"), html(d));
        }
        String one = text(magic("%workers 1"));
        assertTrue(one.startsWith("1 worker\n"), one);
        assertEquals(1, NotebookPool.pool().workers().size(), one);
        assertTrue(text(magic("%workers 2")).startsWith("2 workers"));
        assertTrue(kernel.evalRaw("pool") == NotebookPool.pool(), "the pool variable is the notebook's pool");
    }

    @Test
    void shouldCompareCopyAndShareRunsOfTheCellsTaskWhenModesNameThem() {
        DisplayData d = magic("%%compare big --chunks 4 --modes copy,share\n(view, rows) -> view.doubleColumn(\"x\").sum(rows.from(), rows.to())");
        String h = html(d);
        String t = text(d);
        assertTrue(h.contains("shmkit-bars") && !h.contains("<svg"), h);
        String untrusted = UntrustedHtml.text(h);
        assertTrue(untrusted.matches("(?s).*\ncopy [0-9.]+ (ms|s|µs)\nshare [0-9.]+ (ms|s|µs)\n.*"), untrusted);
        assertTrue(h.matches("(?s).*Sharing was [0-9.,]+× (faster|slower) and moved [0-9.,]+× fewer bytes.*"), h);
        assertTrue(t.startsWith("compare job 'big': copy vs share"), t);
        for (String row : List.of("wall time", "bytes copied", "bytes mapped", "overhead per task", "speedup")) {
            assertTrue(t.contains(row) && h.contains(row), row + " in " + t);
        }
        assertTrue(t.contains("both runs returned the same 4 values"), t);
        assertTrue(t.matches("(?s).*bytes copied +[0-9.]+ [KMG]?i?B +[0-9.]+ [KMG]?i?B.*"), t);
    }

    @Test
    void shouldCompareCopyProxyAndShareRunsByDefault() {
        DisplayData d = magic("%%compare big --chunks 4\n(view, rows) -> view.doubleColumn(\"x\").sum(rows.from(), rows.to())");
        String h = html(d);
        String t = text(d);
        String untrusted = UntrustedHtml.text(h);
        assertTrue(untrusted.matches("(?s).*\ncopy [0-9.]+ (ms|s|µs)\nproxy [0-9.]+ (ms|s|µs)\nshare [0-9.]+ (ms|s|µs)\n.*"), untrusted);
        assertTrue(h.matches("(?s).*; the proxy was [0-9.,]+× (faster|slower) than copying and [0-9.,]+× (faster|slower) than"
                + " sharing, with 4 requests moving .*"), h);
        assertTrue(t.startsWith("compare job 'big': copy vs proxy vs share"), t);
        for (String row : List.of("per task", "bytes moved", "proxy requests", "bytes mapped")) {
            assertTrue(t.contains(row), row + " in " + t);
        }
        for (String row : List.of("bytes moved (proxy)", "proxy requests", "waiting for replies")) {
            assertTrue(h.contains(row), row + " in " + h);
        }
        assertTrue(t.matches("(?s).*proxy requests +0 +4 +0\n.*"), "one sum request per task, none in copy or share: " + t);
        assertTrue(t.contains("all 3 runs returned the same 4 values"), t);
        assertEquals("PROXY", String.valueOf(kernel.evalRaw("JobOptions.defaults().access(AccessMode.PROXY).access()")),
                "AccessMode is shmkit's, not java.nio.file's, in a notebook");
        assertTrue(usage("%%compare big --modes copy,pipe\n(v, r) -> 1").getMessage()
                .contains("--modes: access mode='pipe' unknown; modes: copy, proxy, share"));
    }

    @Test
    void shouldCompareAJobCellAsWrittenWithoutRewritingIt() {
        kernel.evalRaw("RowTask<Double> sumX = (view, rows) -> view.doubleColumn(\"x\").sum(rows.from(), rows.to());");
        DisplayData d = magic("%%compare\npool.map(space.table(\"big\"), sumX, JobOptions.defaults().chunkCount(3).name(\"cell\"))");
        String t = text(d);
        assertTrue(t.startsWith("compare job 'cell': copy vs proxy vs share"), t);
        assertTrue(t.contains("all 3 runs returned the same 3 values."), t);
        assertTrue(t.contains("excluded from every measured run: a warm-up share run of 3 tasks"), t);
        assertTrue(t.matches("(?s).*tasks x workers +3 x 2 +3 x 2 +3 x 2.*"), "the cell's own chunking is kept: " + t);
        assertTrue(t.matches("(?s).*bytes copied +[0-9.]+ MB +[0-9.]+ k?B +[0-9.]+ k?B\n.*"),
                "the copy run copied the 1.6 MB table with each task, the share run did not: " + t);
        String two = text(magic("%%compare --modes share,proxy\npool.map(space.table(\"big\"), sumX, JobOptions.defaults().chunkCount(3).name(\"cell\"))"));
        assertTrue(two.startsWith("compare job 'cell': proxy vs share"), two);
        assertTrue(usage("%%compare\n1 + 1").getMessage().contains("the code ran 0 table maps"), "no map in the cell");
        assertTrue(usage("%%compare\npool.map(space.table(\"big\"), sumX); pool.map(space.table(\"big\"), sumX)")
                .getMessage().contains("the code ran 2 table maps"), "two maps in the cell");
    }

    @Test
    void shouldShowAJobResultCellValueAsItsValuesAndCost() {
        Object v = kernel.eval("pool.map(space.table(\"big\"), (view, rows) -> rows.size(), JobOptions.defaults().chunkCount(2))");
        DisplayData d = assertInstanceOf(DisplayData.class, v);
        assertTrue(text(d).startsWith("2 values of job: [100000, 100000] (2 tasks on 2 workers, wall "), text(d));
        assertTrue(html(d).contains("<th>value</th>") && html(d).contains("<td>100000</td>"), html(d));
    }

    @Test
    void shouldRefuseWrongCompareAndWorkersUsage() {
        assertTrue(usage("%%compare nosuch\n(v, r) -> 1").getMessage().contains("no table 'nosuch'"));
        assertTrue(usage("%%compare big --chunks 0\n(v, r) -> 1").getMessage().contains("--chunks needs a number of tasks >= 1"));
        assertTrue(usage("%%compare big\n ").getMessage().contains("usage: %%compare TABLE"));
        assertTrue(usage("%workers two").getMessage().contains("usage: %workers [N]"));
        assertTrue(usage("%workers 2 --sweep").getMessage().contains("unknown option '--sweep'"));
    }

    @Test
    void shouldShowALiveProgressBarForLongJobsAndAReportForEveryJob() {
        List<String[]> shown = new CopyOnWriteArrayList<>();
        ProgressBars bars = new ProgressBars(new ProgressBars.Sink() {
            @Override
            public void display(DisplayData data) {
                shown.add(new String[] {"display", data.getDisplayId(), text(data), html(data)});
            }

            @Override
            public void update(String id, DisplayData data) {
                shown.add(new String[] {"update", id, text(data), html(data)});
            }
        });
        NotebookPool.showProgress(bars);
        try {
            assertEquals(ROWS, kernel.evalRaw("pool.map(space.table(\"big\"), (v, r) -> { Thread.sleep(400); return r.size(); },"
                    + " JobOptions.defaults().chunkCount(4).name(\"slow\")).reduce(0, Integer::sum)"));
            String[] first = shown.get(0);
            assertEquals("display", first[0]);
            assertNotNull(first[1], "the bar has a display id so it can be updated in place");
            assertTrue(first[3].contains("shmkit-progress") && first[2].startsWith("slow ["), first[2]);
            String[] fin = shown.get(shown.size() - 2);
            assertEquals("update", fin[0]);
            assertEquals(first[1], fin[1]);
            assertTrue(fin[2].startsWith("slow [" + "#".repeat(30) + "] 4/4 tasks") && fin[2].endsWith("done"), fin[2]);
            String[] report = shown.get(shown.size() - 1);
            assertEquals("display", report[0]);
            assertTrue(report[2].startsWith("job 'slow': tasks=4 workers=2"), report[2]);
            assertTrue(report[3].contains("overhead / task"), report[3]);

            shown.clear();
            assertEquals(ROWS, kernel.evalRaw("pool.map(space.table(\"big\"), (v, r) -> r.size()).reduce(0, Integer::sum)"));
            assertEquals(1, shown.size(), "a short job shows no bar, only its report");
            assertTrue(shown.get(0)[2].startsWith("job: tasks=8"), shown.get(0)[2]);
        } finally {
            bars.close();
        }
    }

    @Test
    void shouldCancelTheMapJobOfAnInterruptedCellAndKeepThePoolUsable() throws Exception {
        List<Long> pids = NotebookPool.pool().workers().stream().map(WorkerInfo::pid).toList();
        CompletableFuture<Throwable> run = RunningKernel.evalInBackground(kernel, "pool.map(space.table(\"big\"), (v, r) -> { Thread.sleep(60_000); return 1; }).values()");
        Thread.sleep(1500);
        kernel.interrupt();
        assertInstanceOf(CellInterruptedException.class, run.get(15, TimeUnit.SECONDS));
        assertEquals(ROWS, kernel.evalRaw("pool.map(space.table(\"big\"), (v, r) -> r.size()).reduce(0, Integer::sum)"));
        assertEquals(pids, NotebookPool.pool().workers().stream().map(WorkerInfo::pid).toList(),
                "the cancelled tasks stopped on interrupt; no worker had to be replaced");
    }

    @Test
    void shouldHandJarsAddedAtRunTimeToTheWorkers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shmkit-probe.txt"), "probe");
        kernel.evalRaw("%classpath " + dir);
        Object found = kernel.evalRaw("pool.mapItems(List.of(1), (dev.shmkit.job.SerializableFunction<Integer, String>) x ->"
                + " String.valueOf(Thread.currentThread().getContextClassLoader().getResource(\"shmkit-probe.txt\"))).values()");
        assertEquals(List.of("file:" + dir.resolve("shmkit-probe.txt")), found);
    }

    private static UsageException usage(String source) {
        CellException e = assertThrows(CellException.class, () -> kernel.evalRaw(source));
        Throwable t = e.getCause();
        while (t != null && !(t instanceof UsageException)) {
            t = t.getCause();
        }
        return assertInstanceOf(UsageException.class, t, "expected a UsageException in " + e);
    }
}
