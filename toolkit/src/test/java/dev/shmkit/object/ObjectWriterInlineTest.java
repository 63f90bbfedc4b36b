package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class ObjectWriterInlineTest {
    @Test
    void shouldStopAnInlineWriteAtAnArrayOverTheLimitAndStayUsable() {
        Kryo kryo = Kryos.newKryo(null);
        Output out = new Output(64, -1);
        List<Object> big = new ArrayList<>(List.of("a", Map.of("k", new long[300_000])));
        assertFalse(ObjectWriter.serializeInline(kryo, out, big, 1 << 20), "a 2.4 MB long[] inside a map inside a list");
        assertTrue(out.position() < 1 << 20, "stopped before copying it: " + out.position());
        assertFalse(ObjectWriter.serializeInline(kryo, out, new double[200_000], 1 << 20));

        int[] small = {1, 2, 3};
        assertTrue(ObjectWriter.serializeInline(kryo, out, small, 1 << 20), "the same Kryo after a stop");
        assertArrayEquals(small, (int[]) kryo.readClassAndObject(new Input(out.getBuffer(), 0, out.position())));
        assertTrue(ObjectWriter.serializeInline(kryo, out, big, 10L << 20), "under a higher limit");
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) kryo.readClassAndObject(new Input(out.getBuffer(), 0, out.position()));
        assertEquals(300_000, ((long[]) ((Map<?, ?>) back.get(1)).get("k")).length);
    }

    @Test
    void shouldWriteWithTheGivenKryoAndReadBackWithIt(Path dir) {
        Path file = dir.resolve("r.1.1.res");
        double[] a = new double[400_000];
        a[123] = 4.5;
        Kryo kryo = Kryos.newKryo(null);
        ObjectWriter.write(List.of(a, "x"), file, 1, kryo);
        try (ObjectSegment seg = ObjectSegment.open(file)) {
            assertEquals(1, seg.arrays().size(), "the array went out-of-band");
            List<?> v = (List<?>) seg.read(kryo);
            assertEquals(4.5, ((double[]) v.get(0))[123]);
            assertEquals("x", v.get(1));
            assertEquals(4.5, seg.doubles(seg.arrays().get(0).path()).get(123));
        }
        assertTrue(file.toFile().delete());
    }
}
