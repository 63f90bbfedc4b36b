package dev.shmkit.ipc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.JvmFlags;
import dev.shmkit.ShmkitException;
import dev.shmkit.object.Kryos;
import tech.tablesaw.api.Table;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two ways to give a table to another process, measured from a real second JVM (a
 * {@link PipeReceiver}) connected by its stdin/stdout pipe: send a serialized copy through the pipe
 * ({@link #copy(byte[])}), or let it attach the table published in a shared space
 * ({@link #attach(String, int)}, {@link #read(String)}). The receiver times its own side.
 * Closing ends the receiver.
 *
 * <pre>{@code
 * try (PipeTransfer peer = PipeTransfer.start(space.directory())) {
 *     long[] ns = peer.copy(PipeTransfer.serializedCopy(df));   // {receive, deserialize}
 *     space.publish("big", df);
 *     double[] attach = peer.attach("big", 50);                  // {median, min}
 * }
 * }</pre>
 */
public final class PipeTransfer implements AutoCloseable {
    /** Pipe-side buffer: the kernel's pipe moves 64 KiB at a time, so larger writes only add copying. */
    private static final int PIPE_BUFFER = 1 << 16;
    /** How long close waits for the receiver to exit after its stdin closed, before killing it. */
    private static final long EXIT_WAIT_SECONDS = 10;

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private boolean closed;

    private PipeTransfer(Process p) {
        this.process = p;
        this.out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), PIPE_BUFFER));
        this.in = new DataInputStream(p.getInputStream());
    }

    /** Starts a receiver JVM on the space directory and waits until it has opened the space. */
    public static PipeTransfer start(Path spaceDirectory) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PipeReceiver.class.getName());
        cmd.add(spaceDirectory.toString());
        Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PipeTransfer p = new PipeTransfer(process);
        String hello;
        try {
            hello = p.in.readUTF();
        } catch (IOException e) {
            p.close();
            throw new ShmkitException("pipe receiver pid=" + process.pid() + " exited before it was ready (space="
                    + spaceDirectory + "; its stderr is above)", e);
        }
        if (!hello.equals(PipeReceiver.READY)) {
            p.close();
            throw new ShmkitException("pipe receiver pid=" + process.pid() + " answered '" + hello + "' instead of "
                    + PipeReceiver.READY);
        }
        return p;
    }

    /** The receiver's process id. */
    public long pid() {
        return process.pid();
    }

    /** Median and minimum nanoseconds of attaching (and closing) the table {@code name} in the receiver. */
    public double[] attach(String name, int repeats) throws IOException {
        out.writeUTF("ATTACH");
        out.writeUTF(name);
        out.writeInt(repeats);
        out.flush();
        return new double[] {in.readDouble(), in.readDouble()};
    }

    /** Median and minimum nanoseconds of attaching (and closing) the published array {@code name} in the receiver. */
    public double[] attachArray(String name, int repeats) throws IOException {
        out.writeUTF("ATTACH_ARRAY");
        out.writeUTF(name);
        out.writeInt(repeats);
        out.flush();
        return new double[] {in.readDouble(), in.readDouble()};
    }

    /** Nanoseconds for the receiver to attach the table {@code name} and sum every double column in full. */
    public long read(String name) throws IOException {
        out.writeUTF("READ");
        out.writeUTF(name);
        out.flush();
        long ns = in.readLong();
        in.readDouble();
        return ns;
    }

    /**
     * Copies a table's double columns into a Kryo-serialized {@code double[][]}, the form that
     * {@link #copy(byte[])} sends and the receiver deserializes. This is the sender's copy: every
     * value is read and written once.
     */
    public static byte[] serializedCopy(Table table) {
        double[][] cols = new double[table.columnCount()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = table.doubleColumn(i).asDoubleArray();
        }
        Kryo kryo = Kryos.pool().obtain();
        try (Output output = new Output(1 << 20, -1)) {
            kryo.writeObject(output, cols);
            return output.toBytes();
        } finally {
            Kryos.pool().free(kryo);
        }
    }

    /** Sends a serialized copy through the pipe; returns the receiver's {receive ns, deserialize ns}. */
    public long[] copy(byte[] bytes) throws IOException {
        out.writeUTF("COPY");
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
        long[] r = {in.readLong(), in.readLong()};
        in.readInt();
        return r;
    }

    /** Closes the receiver's stdin, waits for it to exit (killing it if it does not); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            // the receiver is already gone: nothing left to tell it
        }
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
