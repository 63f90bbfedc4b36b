package dev.shmkit.bench.micro;

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
 * Attaching a published table by name and closing it: find the newest version, map the file,
 * validate its Arrow metadata, unmap. No other view is open, so every attach really maps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Attach {
    /** Rows × 4 doubles: 100k rows is 3.2 MB; attach cost must not depend on it. */
    @Param({"100000", "4000000"})
    public int rows;

    private MicroSpace space;

    @Setup
    public void setUp() {
        space = new MicroSpace("attach", rows, 4);
    }

    @TearDown
    public void tearDown() {
        space.close();
    }

    /** {@code space.table(name)} then close. */
    @Benchmark
    public int attachAndClose() {
        try (SharedTable t = space.table()) {
            return t.rowCount();
        }
    }
}
