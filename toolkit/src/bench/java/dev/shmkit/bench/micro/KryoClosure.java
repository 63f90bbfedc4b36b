package dev.shmkit.bench.micro;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.object.Kryos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * A capturing lambda written and read back with shmkit's Kryo (closure serializer, class policy):
 * what shipping a job's function costs on each side, without the socket.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KryoClosure {
    private Kryo kryo;
    private SerializableFunction<Integer, Integer> closure;
    private final Output output = new Output(4096, -1);

    @Setup
    public void setUp() {
        kryo = Kryos.newKryo(KryoClosure.class.getClassLoader());
        int offset = 42;
        int[] weights = {1, 2, 3, 4, 5, 6, 7, 8};
        closure = x -> x * weights[x & 7] + offset;
    }

    /** Write, then read back, the closure; returns it applied so nothing is optimised away. */
    @Benchmark
    @SuppressWarnings("unchecked")
    public int roundTrip() {
        output.reset();
        kryo.writeClassAndObject(output, closure);
        Object back = kryo.readClassAndObject(new Input(output.getBuffer(), 0, output.position()));
        return ((SerializableFunction<Integer, Integer>) back).apply(3);
    }
}
