package dev.shmkit.pool;

import dev.shmkit.job.JobListener;
import dev.shmkit.job.JobProgress;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.SerializableFunction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A started pool has run one silent job through the real task path on every worker (see PathWarmUp). */
class PathWarmUpIT {
    @Test
    void shouldRunTheWarmUpJobOnEveryWorkerWithoutTellingTheListener() {
        List<String> seen = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void started(JobProgress p) {
                seen.add("started " + p.tasks());
            }

            @Override
            public void progress(JobProgress p) {
                seen.add("progress");
            }

            @Override
            public void ended(JobProgress p, JobReport report, Throwable failure) {
                seen.add("ended " + (report == null ? "-" : report.name()));
            }
        };
        try (WorkerPool pool = WorkerPool.lazy(PoolOptions.defaults().workers(2))) {
            pool.defaultListener(listener);
            List<WorkerInfo> workers = pool.workers(); // starts the pool, warm-up job included
            assertEquals(2, workers.size());
            for (WorkerInfo w : workers) {
                assertTrue(w.tasksDone() >= 1, "worker " + w.id() + " ran no warm-up task: " + workers);
            }
            assertEquals(List.of(), seen, "the warm-up job reached the pool's listener");
            SerializableFunction<Integer, Integer> inc = x -> x + 1;
            assertEquals(List.of(2, 3), pool.mapItems(List.of(1, 2), inc).values());
            assertEquals("started 2", seen.get(0), seen.toString());
        }
    }

    @Test
    void shouldRunNoWarmUpJobWhenTurnedOff() {
        System.setProperty(PathWarmUp.PROPERTY, "false");
        try (WorkerPool pool = WorkerPool.start(1)) {
            assertEquals(0, pool.workers().get(0).tasksDone(), pool.workers().toString());
        } finally {
            System.clearProperty(PathWarmUp.PROPERTY);
        }
    }
}
