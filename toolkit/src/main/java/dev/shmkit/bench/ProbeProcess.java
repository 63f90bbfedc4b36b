package dev.shmkit.bench;

import dev.shmkit.JvmFlags;
import dev.shmkit.ShmkitException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parent's handle on a running {@link Probe} JVM. */
public final class ProbeProcess implements AutoCloseable {
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;

    private ProbeProcess(Process p) {
        this.process = p;
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(p.getInputStream());
    }

    /** Starts a probe JVM on the space directory and waits until it has opened the space. */
    public static ProbeProcess start(Path spaceDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Probe.class.getName());
        cmd.add(spaceDir.toString());
        ProbeProcess p = new ProbeProcess(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String hello = p.in.readUTF();
        if (!hello.equals("ready")) {
            throw new ShmkitException("probe JVM answered '" + hello + "' instead of ready");
        }
        return p;
    }

    /** Median and minimum nanoseconds of attaching {@code name} in the probe. */
    public double[] attach(String name, int repeats) throws IOException {
        out.writeUTF("ATTACH");
        out.writeUTF(name);
        out.writeInt(repeats);
        out.flush();
        return new double[] {in.readDouble(), in.readDouble()};
    }

    /** Nanoseconds to attach and read every double column of {@code name} in full. */
    public long read(String name) throws IOException {
        out.writeUTF("READ");
        out.writeUTF(name);
        out.flush();
        long ns = in.readLong();
        in.readDouble();
        return ns;
    }

    /**
     * What a copy of a table costs to produce: its double columns as a Kryo-serialized
     * {@code double[][]} (the form {@link #copy(byte[])} sends and the probe deserializes).
     */
    public static byte[] serializedCopy(tech.tablesaw.api.Table table) {
        double[][] cols = new double[table.columnCount()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = table.doubleColumn(i).asDoubleArray();
        }
        com.esotericsoftware.kryo.Kryo kryo = dev.shmkit.object.Kryos.pool().obtain();
        try (com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(1 << 20, -1)) {
            kryo.writeObject(out, cols);
            return out.toBytes();
        } finally {
            dev.shmkit.object.Kryos.pool().free(kryo);
        }
    }

    /** Sends a serialized copy through the pipe; returns {receive ns, deserialize ns}. */
    public long[] copy(byte[] bytes) throws IOException {
        out.writeUTF("COPY");
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
        long[] r = {in.readLong(), in.readLong()};
        in.readInt();
        return r;
    }

    @Override
    public void close() throws IOException {
        out.close();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
