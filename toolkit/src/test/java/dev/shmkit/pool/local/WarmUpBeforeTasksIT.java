package dev.shmkit.pool.local;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A worker says hello before it warms up, and no task runs beside its warm-up: a job sent the moment
 * {@code start} returns finds, in every task, that its worker's warm-up space ({@code warmup.<pid>} in the
 * pool's directory, removed when the warm-up is over) is gone, as the file system shows it.
 */
class WarmUpBeforeTasksIT {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRunTheFirstTasksOnlyAfterTheWarmUp() {
        String pools = SpaceOptions.baseDirectory().resolve(ControlDirectory.POOLS).toString();
        SerializableFunction<Integer, String> warming = i -> {
            String me = "warmup." + ProcessHandle.current().pid();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(pools))) {
                for (Path pool : s) {
                    if (Files.exists(pool.resolve(me))) {
                        return "task ran beside the warm-up " + pool.resolve(me);
                    }
                }
            } catch (java.io.IOException e) {
                return "cannot list " + pools + ": " + e;
            }
            return "after";
        };
        for (int round = 0; round < 2; round++) {
            try (WorkerPool pool = WorkerPool.start(PoolOptions.defaults().workers(2))) {
                List<String> seen = pool.mapItems(List.of(1, 2, 3, 4), warming, JobOptions.defaults().chunkSize(1)).values();
                assertEquals(List.of("after", "after", "after", "after"), seen);
            }
        }
    }
}
