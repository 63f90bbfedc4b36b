package dev.shmkit.pool.hazelcast;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.job.OutputRunner;
import dev.shmkit.job.TableRunner;
import dev.shmkit.table.OutputLayout;
import dev.shmkit.object.Kryos;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.segment.SegmentId;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/** The caller's Kryo per job loader: task inputs out, results in, and the table a job's runner reads. Thread-safe. */
final class JobCodec {
    private final Map<ClassLoader, Kryo> kryos = new IdentityHashMap<>();

    private Kryo kryo(ClassLoader loader) {
        return kryos.computeIfAbsent(loader, Kryos::newKryo);
    }

    /** The table a job's runner reads, if it is a table job. */
    synchronized Optional<SegmentId> tableOf(JobSpec job) {
        Object runner = kryo(job.loader()).readClassAndObject(new Input(job.runner()));
        if (runner instanceof OutputRunner o) {
            return Optional.ofNullable(o.table());
        }
        return runner instanceof TableRunner<?> t ? Optional.of(t.table()) : Optional.empty();
    }

    /** Where the job's output table goes, when it writes one. */
    synchronized Optional<OutputLayout> outputOf(JobSpec job) {
        Object runner = kryo(job.loader()).readClassAndObject(new Input(job.runner()));
        return runner instanceof OutputRunner o ? Optional.of(o.output()) : Optional.empty();
    }

    synchronized byte[] write(ClassLoader loader, Object o) {
        Output out = new Output(256, -1);
        kryo(loader).writeClassAndObject(out, o);
        return Arrays.copyOf(out.getBuffer(), out.position());
    }

    /** The value of a result segment, read with the job's loader (big arrays: one bulk copy each). */
    synchronized Object read(ClassLoader loader, ObjectSegment segment) {
        return segment.read(kryo(loader));
    }

    synchronized Object read(ClassLoader loader, byte[] bytes) {
        return kryo(loader).readClassAndObject(new Input(bytes));
    }
}
