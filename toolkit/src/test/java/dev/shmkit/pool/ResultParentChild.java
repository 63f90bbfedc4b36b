package dev.shmkit.pool;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.JobResult;

import java.util.List;

/**
 * Child JVM for {@link ResultParentIT}: starts a pool in {@code -Dshmkit.dir}, holds a result that
 * came through a result segment, prints {@code held <file> <worker pids>} and waits to be killed.
 */
public final class ResultParentChild {
    private ResultParentChild() {
    }

    public static void main(String[] args) throws Exception {
        WorkerPool pool = WorkerPool.start(1);
        JobResult<double[]> r = pool.mapItems(List.of(1 << 19), n -> new double[n], JobOptions.defaults());
        StringBuilder pids = new StringBuilder();
        for (WorkerInfo w : pool.workers()) {
            pids.append(' ').append(w.pid());
        }
        System.out.println("held " + r.resultSegment(0).path() + pids);
        System.out.flush();
        Thread.sleep(600_000);
        r.close();
        pool.close();
    }
}
