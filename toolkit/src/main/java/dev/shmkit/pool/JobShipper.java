package dev.shmkit.pool;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.job.ChunkRunner;
import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.job.ItemsRunner;
import dev.shmkit.job.JobOptions;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.job.TableRunner;
import dev.shmkit.object.Kryos;
import dev.shmkit.ship.ClassServer;
import dev.shmkit.ship.ShippingRefusedException;
import dev.shmkit.ship.SnapshotResolver;
import dev.shmkit.ship.StaticSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a user's function into a {@link JobSpec}: finds the loader its code lives in, snapshots
 * the JShell variables it reads (refusing what cannot be shipped), serializes the runner once,
 * picks the class-serving session and reads the snippet classes to push with the job. Everything
 * that can refuse a job does so here, before anything runs.
 */
final class JobShipper {
    private final ClassServer classes = new ClassServer();
    private final AtomicLong ids = new AtomicLong();
    private final Map<ClassLoader, Kryo> kryos = new IdentityHashMap<>();
    /** By default a variable holding a published table or object ships as its segment (see PublishedResolver). */
    private volatile SnapshotResolver resolver = dev.shmkit.ship.PublishedResolver.get();
    private volatile long maxSnapshotBytes = StaticSnapshot.DEFAULT_MAX_BYTES;

    ClassServer classes() {
        return classes;
    }

    void resolver(SnapshotResolver r) {
        this.resolver = r == null ? dev.shmkit.ship.PublishedResolver.get() : r;
    }

    void maxSnapshotBytes(long max) {
        this.maxSnapshotBytes = max;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Loads and JIT-primes the parent's shipping path (scan, Kryo, runners) while workers start. */
    void warmUp() {
        SerializableFunction<Integer, Integer> f = x -> x;
        RowTask<Double> t = (view, r) -> 0.0;
        Kryo kryo = Kryos.newKryo(JobShipper.class.getClassLoader());
        Output out = new Output(4096, -1);
        for (int i = 0; i < 50; i++) {
            ship(f, new ItemsRunner<>(f), JobOptions.defaults());
            ship(t, new TableRunner<>(t, new SegmentId("/warmup", "warmup", 1, SegmentKind.TABLE)), JobOptions.defaults());
            out.reset();
            kryo.writeClassAndObject(out, new RowRange(0, i));
            kryo.writeClassAndObject(out, new ArrayList<>(List.of(i, i + 1)));
            kryo.writeClassAndObject(out, (double) i);
            Input in = new Input(out.getBuffer(), 0, out.position());
            kryo.readClassAndObject(in);
            kryo.readClassAndObject(in);
            kryo.readClassAndObject(in);
        }
    }

    /** Builds the job for {@code userCode} (the object scanned for JShell variables) wrapped by {@code runner}. */
    JobSpec ship(Object userCode, ChunkRunner runner, JobOptions options) {
        ClassLoader loader = userCode.getClass().getClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        Object[] statics = StaticSnapshot.take(userCode, loader, maxSnapshotBytes, resolver);
        byte[] staticBytes;
        byte[] runnerBytes;
        synchronized (kryos) {
            Kryo kryo = kryos.computeIfAbsent(loader, Kryos::newKryo);
            staticBytes = statics.length == 0 ? null : serialize(kryo, statics, "the JShell variables it reads",
                    "each must be serializable; share a large or unserializable one with space.publish");
            runnerBytes = serialize(kryo, runner, "the task " + userCode.getClass().getName(), hint(userCode));
        }
        List<Object> values = new ArrayList<>();
        for (int i = 2; i < statics.length; i += 3) {
            values.add(statics[i]);
        }
        ClassServer.Shipment shipment = classes.prepare(loader, ClassServer.roots(userCode, values));
        return new JobSpec(ids.incrementAndGet(), options, loader, shipment.session(), runnerBytes, staticBytes,
                shipment.classes());
    }

    /** What to fix when the task does not serialize: a lambda that is not Serializable, or what it captures. */
    private static String hint(Object userCode) {
        boolean lambda = userCode.getClass().isSynthetic() && userCode.getClass().getName().contains("$$Lambda");
        if (lambda && !(userCode instanceof java.io.Serializable)) {
            return "a lambda must be Serializable: cast it to SerializableFunction / RowTask";
        }
        return "the values it captures must be serializable";
    }

    private static byte[] serialize(Kryo kryo, Object o, String what, String hint) {
        Output out = new Output(1024, -1);
        try {
            kryo.writeClassAndObject(out, o);
        } catch (RuntimeException e) {
            throw new ShippingRefusedException("cannot serialize " + what + ": " + e.getMessage() + " (" + hint + ")", e);
        }
        return Arrays.copyOf(out.getBuffer(), out.position());
    }
}
