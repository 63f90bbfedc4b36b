package dev.shmkit.cli;

import dev.shmkit.bench.PipeCopy;
import dev.shmkit.bench.ProbeProcess;
import dev.shmkit.data.TableGenerator;
import dev.shmkit.memory.Bytes;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code shmkit demo}: the whole idea on one screen. A generated table is published once into
 * the space; a second JVM attaches it and reads it in full; then the same table is sent the way
 * a copy travels (serialized, through a pipe, deserialized) and both costs are printed side by side.
 */
final class DemoCommand {
    private static final String USAGE = "shmkit demo [--rows N] [--tasks T]";

    private DemoCommand() {
    }

    static void run(String[] argv) throws IOException {
        Args a = Args.parse(argv, Set.of(), Set.of("rows", "tasks"), USAGE);
        int rows = a.getInt("rows", 10_000_000, USAGE);
        int tasks = a.getInt("tasks", 100, USAGE);
        System.out.printf(Locale.ROOT, "shmkit demo: %,d rows x 4 double columns (seed 42)%n", rows);
        long t0 = System.nanoTime();
        Table df = TableGenerator.rows(rows).doubles(4).seed(42).name("demo").generate();
        System.out.printf(Locale.ROOT, "  generated in %.2f s%n", secs(t0));

        try (SharedSpace space = SharedSpace.open(SpaceOptions.named("demo"))) {
            System.out.printf(Locale.ROOT, "  space %s opened in %.0f ms%n", space.directory(), space.openNanos() / 1e6);
            long p0 = System.nanoTime();
            SharedTable shared = space.publish("demo", df);
            double publish = secs(p0);
            long bytes = shared.mappedBytes();
            try (ProbeProcess probe = ProbeProcess.start(space.directory())) {
                double[] attach = probe.attach("demo", 50);
                double read = probe.read("demo") / 1e9;

                long s0 = System.nanoTime();
                byte[] copy = PipeCopy.serialize(df);
                double serialize = secs(s0);
                long[] pipe = probe.copy(copy);
                double transfer = pipe[0] / 1e9;
                double deserialize = pipe[1] / 1e9;
                double perCopy = serialize + transfer + deserialize;

                System.out.println();
                System.out.printf(Locale.ROOT, "  %-34s %14s   %14s%n", "", "SHARE (publish once)", "COPY (per receiver)");
                System.out.printf(Locale.ROOT, "  %-34s %14s   %14s%n", "bytes written / sent", Bytes.human(bytes), Bytes.human(copy.length));
                System.out.printf(Locale.ROOT, "  %-34s %12.3f s   %12.3f s%n", "publish once / serialize", publish, serialize);
                System.out.printf(Locale.ROOT, "  %-34s %11.3f ms   %12.3f s%n", "attach in 2nd JVM / pipe transfer", attach[0] / 1e6, transfer);
                System.out.printf(Locale.ROOT, "  %-34s %14s   %12.3f s%n", "deserialize", "none", deserialize);
                System.out.printf(Locale.ROOT, "  %-34s %12.3f s   %14s%n", "attach + read all 4 columns", read, "-");
                System.out.printf(Locale.ROOT, "  %-34s %12.3f s   %12.3f s%n", "cost of giving " + tasks + " tasks the table",
                        publish + tasks * attach[0] / 1e9, tasks * perCopy);
                System.out.printf(Locale.ROOT, "%n  one receiver: attaching is %.0fx cheaper than receiving a copy (%.2f ms vs %.3f s);%n",
                        perCopy / (attach[0] / 1e9), attach[0] / 1e6, perCopy);
                System.out.printf(Locale.ROOT, "  %d tasks: sharing costs %.3f s in all, copying %.1f s (%.0fx).%n", tasks,
                        publish + tasks * attach[0] / 1e9, tasks * perCopy, tasks * perCopy / (publish + tasks * attach[0] / 1e9));
                System.out.println("  (numbers depend on this machine; run again to see the spread)");
            }
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Child side, started by {@link ProbeProcess}; kept here so the launcher can name it. */
    static void probe(String[] argv) throws IOException {
        dev.shmkit.bench.Probe.main(argv);
    }
}
