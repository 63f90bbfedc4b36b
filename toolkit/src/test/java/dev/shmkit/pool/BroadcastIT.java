package dev.shmkit.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A message to every worker (the lead's "segment removed: unmap it") reaches each one's handler, after its tasks. */
class BroadcastIT {
    @Test
    @Timeout(90)
    void shouldDeliverAMessageToEveryWorkerAndWaitForAllAnswers(@TempDir Path dir) throws Exception {
        try (WorkerPool pool = WorkerPool.start(2)) {
            var running = pool.submitItems(List.of(1, 2), x -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return x;
            }, dev.shmkit.job.JobOptions.defaults().chunkSize(1));
            pool.broadcast("test.touch", dir.toString().getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
            assertTrue(running.asCompletable().isDone(), "each worker handled the message after the tasks it held");
            Set<String> pids = pool.workers().stream().map(w -> Long.toString(w.pid())).collect(Collectors.toSet());
            try (var files = Files.list(dir)) {
                assertEquals(pids, files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
            }
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.broadcast("no.such.kind", new byte[0]).get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("no handler"), e.getCause().getMessage());
        }
    }
}
