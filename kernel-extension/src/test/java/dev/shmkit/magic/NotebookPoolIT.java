package dev.shmkit.magic;

import dev.shmkit.kernel.RunningKernel;
import dev.shmkit.pool.WorkerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebook's workers start in the background when the kernel starts: no cell has to ask for them. */
class NotebookPoolIT {
    static {
        System.setProperty(NotebookPool.START_PROPERTY, "background");
    }

    @RegisterExtension
    static final RunningKernel RUNNING = new RunningKernel();

    @Test
    void shouldStartTheNotebooksWorkersWhenTheKernelStartsWithoutAnyCell() throws Exception {
        try {
            // No cell has run: only the kernel's own start can have started these worker JVMs.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!NotebookPool.pool().isStarted() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(NotebookPool.pool().isStarted(), "the pool was not started within 120 s of the kernel's start");
            List<WorkerInfo> workers = NotebookPool.pool().workers();
            assertEquals(Runtime.getRuntime().availableProcessors(), workers.size(), workers.toString());
            List<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
            for (WorkerInfo w : workers) {
                assertTrue(children.contains(w.pid()), "worker pid=" + w.pid() + " is not a child of this JVM: " + children);
                assertTrue(cmdline(w.pid()).contains("dev.shmkit.pool.local.WorkerMain"), cmdline(w.pid()));
            }
            Object sum = RUNNING.kernel().evalRaw("pool.mapItems(java.util.List.of(1, 2, 3), "
                    + "(dev.shmkit.job.SerializableFunction<Integer, Integer>) x -> x * 10).values()");
            assertEquals(List.of(10, 20, 30), sum);
            assertEquals(workers.stream().map(WorkerInfo::pid).toList(),
                    NotebookPool.pool().workers().stream().map(WorkerInfo::pid).toList(), "the job used the started workers");
        } finally {
            System.clearProperty(NotebookPool.START_PROPERTY);
        }
    }

    private static String cmdline(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }
}
