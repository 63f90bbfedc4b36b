package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkListSerializerTest {
    private static Object roundTrip(Object o) {
        Kryo kryo = Kryos.newKryo(null);
        Output out = new Output(64, -1);
        kryo.writeClassAndObject(out, o);
        return Kryos.newKryo(null).readClassAndObject(new Input(out.getBuffer(), 0, out.position()));
    }

    @Test
    void shouldRoundTripUniformMixedAndEmptyChunks() {
        for (List<?> l : List.of(List.of(1, 2, 300_000), List.of("a", "b"), Arrays.asList(1, "x", null, 2.5), List.of(),
                Arrays.asList((Object) null))) {
            Object back = roundTrip(new ChunkList<>(l));
            assertTrue(back instanceof ChunkList, String.valueOf(back));
            assertEquals(l, back);
        }
    }
}
