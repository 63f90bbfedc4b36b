package dev.shmkit.bench.micro;

import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.SerializableCallable;
import dev.shmkit.pool.WorkerPool;
import dev.shmkit.table.SharedTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * A task's round trip through a real worker JVM (one warm worker, started once per trial): one
 * {@code submit} of a callable, and a share-mode table job of 100 tiny tasks counted per task, the
 * overhead the workshops compare with Python's pools.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TaskRoundTrip {
    /** Tasks of the table job: as in the workshops' W1 (100 tasks over one table). */
    private static final int TASKS = 100;
    private static final SerializableCallable<Integer> ONE = () -> 1;
    private static final RowTask<Integer> FIRST_ROW = (view, range) -> range.from();

    private MicroSpace space;
    private SharedTable table;
    private WorkerPool pool;
    private JobOptions hundred;

    @Setup
    public void setUp() {
        space = new MicroSpace("task", 100_000, 1);
        table = space.table();
        pool = WorkerPool.start(1);
        hundred = JobOptions.defaults().chunkCount(TASKS);
    }

    @TearDown
    public void tearDown() {
        pool.close();
        table.close();
        space.close();
    }

    /** One callable to the worker and its result back. */
    @Benchmark
    public Integer submit() {
        return pool.submit(ONE).join();
    }

    /** A table job of 100 tasks that touch almost nothing: time per task. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int mapTablePerTask() {
        return pool.map(table, FIRST_ROW, hundred).values().size();
    }
}
