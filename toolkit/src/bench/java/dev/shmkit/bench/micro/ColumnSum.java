package dev.shmkit.bench.micro;

import dev.shmkit.bench.HeapLoops;
import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.SharedTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Sum of one double column read from the mapping vs the same values in a heap {@code double[]}
 * with the same loop shape: the claim that a mapped column reads at heap speed, measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ColumnSum {
    /** Rows of the column: 1M doubles are 8 MB, past the caches, as in real work. */
    @Param({"1000000"})
    public int rows;

    private MicroSpace space;
    private SharedTable table;
    private DoubleColumnView mapped;
    private double[] heap;

    @Setup
    public void setUp() {
        space = new MicroSpace("sum", rows, 1);
        table = space.table();
        mapped = table.doubleColumn("x0");
        heap = new double[rows];
        for (int i = 0; i < rows; i++) {
            heap[i] = mapped.get(i);
        }
    }

    @TearDown
    public void tearDown() {
        table.close();
        space.close();
    }

    /** {@link DoubleColumnView#sum()} over the mapped pages. */
    @Benchmark
    public double mapped() {
        return mapped.sum();
    }

    /** The same sum over a heap array. */
    @Benchmark
    public double heap() {
        return HeapLoops.sum(heap, 0, heap.length);
    }
}
