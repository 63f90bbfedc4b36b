package dev.shmkit.magic;

import dev.shmkit.kernel.RunningKernel;
import dev.shmkit.kernel.ShmkitKernel;
import dev.shmkit.pool.WorkerInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.shmkit.magic.MagicOutput.html;
import static dev.shmkit.magic.MagicOutput.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %space --who} through a real kernel and two real worker JVMs: after a share-mode job over a
 * published 16 MB table, the kernel and both workers are listed as holders of its segment, and the
 * physical memory (PSS sum) is the table once.
 */
class WhoMagicIT {
    private static final int ROWS = 2_000_000;
    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();
    static ShmkitKernel kernel;

    @BeforeAll
    static void start() {
        kernel = RUNNING.kernel();
        MagicOutput.shareBig(kernel, ROWS);
        kernel.evalRaw("%workers 2");
    }

    @Test
    void shouldListTheKernelAndBothWorkersWithPssSummingToTheTable() {
        String before = text(MagicOutput.magic(kernel, "%space --who"));
        assertTrue(before.contains("big v1 (published, file 16.0 MB): 1 process"), "only the kernel maps it:\n" + before);

        kernel.evalRaw("var r = pool.map(space.table(\"big\"), (view, rows) -> view.doubleColumn(\"x\").sum(0, view.rowCount()),"
                + " JobOptions.defaults().chunkCount(2));");
        kernel.evalRaw("space.table(\"big\").doubleColumn(\"x\").sum()"); // the kernel reads every page too
        DisplayData d = MagicOutput.magic(kernel, "%space --who");
        String t = text(d);
        String h = html(d);
        assertTrue(t.contains("big v1 (published, file 16.0 MB): 3 processes, physical (PSS sum) 16.0 MB"), t);
        assertTrue(t.matches("(?s).*\\n  " + ProcessHandle.current().pid() + " +this process .*"), t);
        assertEquals(2, NotebookPool.pool().workers().size());
        for (WorkerInfo w : NotebookPool.pool().workers()) {
            assertTrue(h.contains("<td>" + w.pid() + "</td><td>java WorkerMain</td><td>16.0 MB</td>"), h);
        }
        assertTrue(h.contains("physical memory (PSS sum) <b>16.0 MB</b>") && h.contains("<th>private (heap, copies)</th>"), h);
        assertTrue(text(MagicOutput.magic(kernel, "%space")).contains("big"), "the plain listing is unchanged");
        UsageException e = assertThrows(UsageException.class, () -> SpaceMagics.space(java.util.List.of("--who", "extra")));
        assertTrue(e.getMessage().contains("--who"), e.getMessage());
    }
}
