package dev.shmkit.pool.local;

import dev.shmkit.segment.SegmentCache;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.segment.SegmentStore;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.job.ChunkRunner;
import dev.shmkit.job.ItemsRunner;
import dev.shmkit.job.RowRange;
import dev.shmkit.job.RowTask;
import dev.shmkit.job.SerializableFunction;
import dev.shmkit.job.TableRunner;
import dev.shmkit.job.TaskContext;
import dev.shmkit.object.Kryos;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a worker does once before saying hello, so that no job pays for it: Kryo and its closure
 * serializer, the table reader and Chronicle (whose first mapping costs 0.35-0.7 s of class
 * initialisation), and the JIT of the task paths (a runner round trip, column sums) — the same
 * code every item and table job runs.
 */
public final class WorkerWarmUp {
    /** Rows of the warm-up table: enough loop iterations for the JIT to compile the column sum. */
    private static final int ROWS = 1 << 16;
    /**
     * Task runs during warm-up. 50 rather than 200 (bench jobs start w1, 3 runs each, alternated, load 4.5-5):
     * pool start 2.40 -> 1.91 s and worker CPU 4.34 -> 3.40 s (medians), the W1 first batch unchanged (0.128 ->
     * 0.126 s), the repeated W1 job faster (0.055 -> 0.040 s: less compilation left queued for the first jobs on
     * two cores), a job sent at once after the start slower (0.39 -> 0.45 s).
     */
    private static final int ROUNDS = 50;

    /** The warm-up space while it exists, for {@link #removeLeftover} at exit. */
    private static volatile Path leftover;

    private WorkerWarmUp() {
    }

    /**
     * Warms up, using a small table published in a private space directory under {@code dir} (the pool's
     * directory, removed with the pool); the table job path is the real one (attach by id, the cache).
     */
    public static void run(Path dir) throws Exception {
        run(dir, ROUNDS);
    }

    /**
     * As {@link #run(Path)} with {@code rounds} task runs: the archive's training runs one (it only needs the
     * classes loaded, and runs without the JIT: {@link WorkerArchiveTrainer}).
     */
    static void run(Path dir, int rounds) throws Exception {
        Kryo kryo = Kryos.newKryo(WorkerWarmUp.class.getClassLoader());
        Output out = new Output(1 << 16, -1);
        Path spaceDir = dir.resolve("warmup." + ProcessHandle.current().pid());
        try {
            // never with its parents: a pool closed while this worker started has removed its directory,
            // and making it again would leave it behind (and race whoever deletes the tree)
            Files.createDirectory(spaceDir, PosixFilePermissions.asFileAttribute(PrivatePaths.DIRECTORY_MODE));
        } catch (NoSuchFileException poolGone) {
            return;
        }
        leftover = spaceDir;
        SegmentStore store = new SegmentStore(spaceDir);
        SegmentId id = null;
        try {
            double[] x = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                x[i] = i;
            }
            // No Tablesaw Table: its class initialiser scans the class path (about 1.4 s of CPU per worker).
            List<DoubleColumn> t = List.of(DoubleColumn.create("x", x));
            id = store.publish("warmup", SegmentKind.TABLE, tmp -> ArrowTableWriter.write("warmup", t, tmp, Map.of())).id();
            RowTask<Double> sum = (view, r) -> view.doubleColumn("x").sum(r.from(), r.to());
            ChunkRunner table = roundTrip(kryo, out, new TableRunner<>(sum, id));
            SerializableFunction<Integer, Integer> sq = v -> v * v;
            ChunkRunner items = roundTrip(kryo, out, new ItemsRunner<>(sq));
            List<Integer> ints = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                ints.add(i);
            }
            TaskContext context = new TaskContext();
            double expected = (double) ROWS * (ROWS - 1) / 2;
            for (int i = 0; i < rounds; i++) {
                Object s = roundTrip(kryo, out, table.run(roundTrip(kryo, out, new RowRange(0, ROWS)), context));
                if ((Double) s != expected) {
                    throw new IllegalStateException("warm-up table sum=" + s + " expected=" + expected);
                }
                roundTrip(kryo, out, items.run(roundTrip(kryo, out, ints), context));
            }
            userClassPass(out, id, context, expected);
        } finally {
            if (id != null) {
                SegmentCache.process().evict(id);
            }
            store.remove("warmup");
            deleteTree(spaceDir);
            leftover = null;
        }
    }

    /**
     * A user's first job, once: its task class is defined from bytes in a loader of its own (never in the
     * worker archive, like a user's class), its lambda rebuilt through that class by a Kryo of that loader,
     * then run on the table. Without it the first task of each worker spent 12-14 ms in "deser" (bench
     * W1) on code the warm-up had not run: defining and verifying a class outside the archive, spinning
     * a lambda of a new loader, {@code $deserializeLambda$} by reflection.
     */
    private static void userClassPass(Output out, SegmentId id, TaskContext context, double expected) throws Exception {
        OwnBytesLoader loader = new OwnBytesLoader(WorkerWarmUp.class.getClassLoader(), WarmUpTask.class.getName());
        Kryo kryo = Kryos.newKryo(loader);
        Class<?> own = Class.forName(WarmUpTask.class.getName(), true, loader);
        Method factory = own.getDeclaredMethod("sum");
        factory.setAccessible(true); // package-private in another runtime package (another loader)
        @SuppressWarnings("unchecked")
        RowTask<Double> sum = (RowTask<Double>) factory.invoke(null);
        ChunkRunner table = roundTrip(kryo, out, new TableRunner<>(sum, id));
        Object s = table.run(roundTrip(kryo, out, new RowRange(0, ROWS)), context);
        if ((Double) s != expected) {
            throw new IllegalStateException("warm-up user-class sum=" + s + " expected=" + expected);
        }
    }

    /** Defines one class itself, from the bytes its parent has for it; everything else is the parent's. */
    private static final class OwnBytesLoader extends ClassLoader {
        private final String own;

        OwnBytesLoader(ClassLoader parent, String own) {
            super("shmkit-warmup", parent);
            this.own = own;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(own)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name + ": no class file on the worker's class path");
                        }
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name + ": " + e, e);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }

    /** Removes the warm-up space of a worker that exits (halts) while warming up. */
    static void removeLeftover() {
        Path dir = leftover;
        if (dir != null) {
            deleteTree(dir);
        }
    }

    /** Removes the private warm-up space (a leftover of a killed worker goes with the pool directory). */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a stray directory of a few KiB is not worth failing the worker for
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(Kryo kryo, Output out, T value) {
        out.reset();
        kryo.writeClassAndObject(out, value);
        return (T) kryo.readClassAndObject(new Input(out.getBuffer(), 0, out.position()));
    }
}
