package dev.shmkit.ipc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.array.SharedArray;
import dev.shmkit.array.SharedLongArray;
import dev.shmkit.object.Kryos;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The receiving JVM that {@link PipeTransfer} starts: {@code main(spaceDirectory)} opens the space,
 * answers {@code ready}, then reads commands from stdin and answers on stdout (Java data format),
 * timing its own side:
 * <ul>
 *   <li>{@code ATTACH name repeats}: median and minimum nanoseconds of {@code space.table(name)} (attach + close);</li>
 *   <li>{@code ATTACH_ARRAY name repeats}: the same for {@code space.array(name, SharedArray.class)}, checking its last element is set;</li>
 *   <li>{@code READ name}: nanoseconds to attach and sum every double column in full, and the sum;</li>
 *   <li>{@code COPY length} followed by that many bytes: nanoseconds to receive them and to Kryo-deserialize
 *   the {@code double[][]} they hold, and the number of arrays.</li>
 * </ul>
 * It exits when stdin closes.
 */
public final class PipeReceiver {
    /** The first answer, once the space is open: the sender waits for it before timing anything. */
    static final String READY = "ready";

    private PipeReceiver() {
    }

    /** Runs the receiver on the space directory {@code args[0]} until stdin closes. */
    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(System.in);
        DataOutputStream out = new DataOutputStream(System.out);
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(Path.of(args[0])).sweepOnOpen(false))) {
            out.writeUTF(READY);
            out.flush();
            while (true) {
                String cmd;
                try {
                    cmd = in.readUTF();
                } catch (EOFException e) {
                    return;
                }
                switch (cmd) {
                    case "ATTACH" -> attach(space, in.readUTF(), in.readInt(), out);
                    case "ATTACH_ARRAY" -> attachArray(space, in.readUTF(), in.readInt(), out);
                    case "READ" -> read(space, in.readUTF(), out);
                    case "COPY" -> copy(in, out);
                    default -> throw new IllegalArgumentException("unknown command=" + cmd + " (expected ATTACH, READ or COPY)");
                }
                out.flush();
            }
        }
    }

    private static void attach(SharedSpace space, String name, int repeats, DataOutputStream out) throws IOException {
        long[] ns = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            SharedTable t = space.table(name);
            ns[i] = System.nanoTime() - t0;
            t.close();
        }
        Arrays.sort(ns);
        int n = ns.length;
        out.writeDouble(n % 2 == 1 ? ns[n / 2] : (ns[n / 2 - 1] + ns[n / 2]) / 2.0);
        out.writeDouble(ns[0]);
    }

    private static void attachArray(SharedSpace space, String name, int repeats, DataOutputStream out) throws IOException {
        long[] ns = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            SharedArray a = space.array(name, SharedArray.class);
            ns[i] = System.nanoTime() - t0;
            if (a instanceof SharedLongArray l && l.length() > 0 && l.get(l.length() - 1) == 0) {
                throw new IllegalStateException("array '" + name + "' attached without its values (last element 0)");
            }
            a.close();
        }
        Arrays.sort(ns);
        int n = ns.length;
        out.writeDouble(n % 2 == 1 ? ns[n / 2] : (ns[n / 2 - 1] + ns[n / 2]) / 2.0);
        out.writeDouble(ns[0]);
    }

    private static void read(SharedSpace space, String name, DataOutputStream out) throws IOException {
        long t0 = System.nanoTime();
        double total = 0;
        try (SharedTable t = space.table(name)) {
            for (String c : t.columnNames()) {
                total += t.doubleColumn(c).sum();
            }
        }
        out.writeLong(System.nanoTime() - t0);
        out.writeDouble(total);
    }

    private static void copy(DataInputStream in, DataOutputStream out) throws IOException {
        long t0 = System.nanoTime();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        long t1 = System.nanoTime();
        Kryo kryo = Kryos.pool().obtain();
        double[][] cols;
        try (Input input = new Input(bytes)) {
            cols = kryo.readObject(input, double[][].class);
        } finally {
            Kryos.pool().free(kryo);
        }
        long t2 = System.nanoTime();
        out.writeLong(t1 - t0);
        out.writeLong(t2 - t1);
        out.writeInt(cols.length);
    }
}
