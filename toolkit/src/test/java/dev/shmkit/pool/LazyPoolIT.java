package dev.shmkit.pool;

import dev.shmkit.job.SerializableFunction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LazyPoolIT {
    @Test
    void shouldStartNoWorkerUntilFirstUseAndThenTheResizedCount() {
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(1))) {
            assertFalse(pool.isStarted());
            assertEquals(1, pool.size());
            assertTrue(pool.toString().contains("not started"), pool.toString());
            pool.resize(2);
            assertTrue(pool.isStarted());
            assertEquals(2, pool.workers().size());
            SerializableFunction<Integer, Integer> inc = x -> x + 1;
            assertEquals(List.of(2, 3), pool.mapItems(List.of(1, 2), inc).values());
        }
    }

    @Test
    void shouldStartOnTheFirstJobAndRefuseJobsAfterCloseBeforeStart() {
        SerializableFunction<Integer, Integer> inc = x -> x + 1;
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(1))) {
            assertEquals(List.of(6), pool.mapItems(List.of(5), inc).values());
            assertTrue(pool.isStarted());
            assertEquals(1, pool.workers().size());
        }
        WorkerPool unused = WorkerPool.lazy(PoolOptions.defaults().workers(1));
        unused.close();
        assertFalse(unused.isStarted());
        assertThrows(dev.shmkit.ShmkitException.class, () -> unused.mapItems(List.of(5), inc));
    }
}
