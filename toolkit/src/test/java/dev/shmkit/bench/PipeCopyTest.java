package dev.shmkit.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.data.TableGenerator;
import dev.shmkit.object.Kryos;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeCopyTest {
    @Test
    void shouldSerializeEveryDoubleColumnAsTheProbeReadsIt() {
        Table df = TableGenerator.rows(1_000).doubles(3).seed(1).generate();
        byte[] bytes = PipeCopy.serialize(df);
        assertTrue(bytes.length >= 3 * 1_000 * Double.BYTES, "bytes=" + bytes.length);
        Kryo kryo = Kryos.pool().obtain();
        try (Input in = new Input(bytes)) {
            double[][] cols = kryo.readObject(in, double[][].class);
            assertEquals(3, cols.length);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(df.doubleColumn(i).asDoubleArray(), cols[i]);
            }
        } finally {
            Kryos.pool().free(kryo);
        }
    }
}
