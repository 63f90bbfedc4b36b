package dev.shmkit.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.object.Kryos;
import tech.tablesaw.api.Table;

/**
 * What a copy of a table costs to produce before it travels to another process: the form the
 * demo and {@link ProbeProcess#copy(byte[])} send through a pipe, and the probe deserializes.
 */
public final class PipeCopy {
    /** Initial Kryo output buffer; it grows as needed. */
    private static final int INITIAL_BUFFER = 1 << 20;

    private PipeCopy() {
    }

    /**
     * Serializes the table's columns, all of which must be double columns, as a Kryo
     * {@code double[][]} — a copy of every value, in a new byte array.
     */
    public static byte[] serialize(Table df) {
        double[][] cols = new double[df.columnCount()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = df.doubleColumn(i).asDoubleArray();
        }
        Kryo kryo = Kryos.pool().obtain();
        try (Output out = new Output(INITIAL_BUFFER, -1)) {
            kryo.writeObject(out, cols);
            return out.toBytes();
        } finally {
            Kryos.pool().free(kryo);
        }
    }
}
