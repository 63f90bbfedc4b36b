package dev.shmkit.object;

import dev.shmkit.ShmkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ObjectSegmentTest {
    /** Elements of a double[] exactly at the threshold (stays inline) and one more (goes out-of-band). */
    static final int AT_THRESHOLD = (int) (GraphWalk.OUT_OF_BAND_THRESHOLD / Double.BYTES);

    @TempDir
    Path dir;

    record Layer(String name, double[] weights, int[] shape) { }

    static final class Model {
        String name;
        List<Layer> layers = new ArrayList<>();
        long[] ids;
        Model self;
        Model() { }
    }

    static double[] doubles(int n, double seed) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = seed + i * 0.5;
        }
        return a;
    }

    private Path write(Object value) {
        Path file = dir.resolve("seg-" + System.nanoTime());
        long written = ObjectWriter.write(value, file, ProcessHandle.current().pid());
        assertEquals(written, file.toFile().length());
        return file;
    }

    @Test
    void shouldRoundTripMapOfBigArraysAndReadThemZeroCopy() {
        Map<String, double[]> value = new LinkedHashMap<>();
        value.put("w", doubles(AT_THRESHOLD + 1, 1.0));
        value.put("b", doubles(AT_THRESHOLD, 2.0));
        value.put("tiny", doubles(3, 3.0));
        try (ObjectSegment seg = ObjectSegment.open(write(value))) {
            assertEquals(LinkedHashMap.class.getName(), seg.valueClassName());
            assertEquals(List.of("[w]"), seg.arrays().stream().map(ArrayInfo::path).toList());
            ArrayInfo info = seg.arrays().get(0);
            assertEquals(ArrayType.DOUBLE, info.type());
            assertEquals(AT_THRESHOLD + 1, info.length());
            assertEquals(0, info.offset() % ObjectSegmentDescriptor.ARRAY_ALIGNMENT);
            DoubleArrayView w = seg.doubles("[w]");
            assertEquals(AT_THRESHOLD + 1, w.length());
            double[] expected = value.get("w");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], w.get(i), "index " + i);
            }
            assertEquals(Arrays.stream(expected).sum(), w.sum(), 1e-6 * Math.abs(w.sum()));
            assertEquals(expected[10] + expected[11] + expected[12], w.sum(10, 13));
            assertArrayEquals(expected, w.copyToArray());
            assertThrows(IndexOutOfBoundsException.class, () -> w.get(expected.length));
            assertThrows(IndexOutOfBoundsException.class, () -> w.get(-1));

            @SuppressWarnings("unchecked")
            Map<String, double[]> back = seg.read(Map.class);
            assertEquals(value.keySet(), back.keySet());
            for (String k : value.keySet()) {
                assertArrayEquals(value.get(k), back.get(k), k);
            }
        }
    }

    @Test
    void shouldNamePathsOfNestedArraysAndKeepSharedReferencesAndCycles() {
        Model m = new Model();
        m.name = "net";
        double[] shared = doubles(AT_THRESHOLD * 2, 5.0);
        m.layers.add(new Layer("l0", shared, new int[] {2, 3}));
        m.layers.add(new Layer("l1", shared, new int[AT_THRESHOLD * 2 + 8]));
        m.ids = new long[AT_THRESHOLD + 1];
        Arrays.setAll(m.ids, i -> i * 7L);
        m.self = m;
        try (ObjectSegment seg = ObjectSegment.open(write(m))) {
            assertEquals(List.of("ids", "layers[0].weights", "layers[1].shape"),
                    seg.arrays().stream().map(ArrayInfo::path).sorted().toList());
            assertEquals(7L * 1000, seg.longs("ids").get(1000));
            assertEquals(AT_THRESHOLD * 2 + 8, seg.ints("layers[1].shape").length());
            assertEquals(0L, seg.ints("layers[1].shape").sum());
            assertEquals(shared[99], seg.doubles("layers[0].weights").get(99));

            Model back = seg.read(Model.class);
            assertSame(back, back.self);
            assertSame(back.layers.get(0).weights(), back.layers.get(1).weights());
            assertArrayEquals(shared, back.layers.get(0).weights());
            assertArrayEquals(m.ids, back.ids);
            assertArrayEquals(new int[] {2, 3}, back.layers.get(0).shape());
            assertEquals("l1", back.layers.get(1).name());
        }
    }

    @Test
    void shouldRoundTripSmallValuesWithoutOutOfBandArrays() {
        Map<String, Object> value = new HashMap<>();
        value.put("list", List.of(1, 2, 3));
        value.put("arr", new long[] {4, 5});
        value.put("text", "hello");
        try (ObjectSegment seg = ObjectSegment.open(write(value))) {
            assertTrue(seg.arrays().isEmpty());
            @SuppressWarnings("unchecked")
            Map<String, Object> back = seg.read(Map.class);
            assertEquals(List.of(1, 2, 3), back.get("list"));
            assertArrayEquals(new long[] {4, 5}, (long[]) back.get("arr"));
            assertEquals("hello", back.get("text"));
        }
    }

    @Test
    void shouldStoreRootArrayUnderDollarPath() {
        int[] root = new int[(int) (GraphWalk.OUT_OF_BAND_THRESHOLD / 4) + 1];
        Arrays.setAll(root, i -> -i);
        try (ObjectSegment seg = ObjectSegment.open(write(root))) {
            assertEquals("$", seg.arrays().get(0).path());
            assertEquals(-17, seg.ints("$").get(17));
            assertArrayEquals(root, seg.read(int[].class));
        }
    }

    @Test
    void shouldListAvailablePathsForUnknownPathAndNameActualTypeForWrongType() {
        Map<String, double[]> value = Map.of("w", doubles(AT_THRESHOLD + 1, 0));
        try (ObjectSegment seg = ObjectSegment.open(write(value))) {
            ShmkitException unknown = assertThrows(ShmkitException.class, () -> seg.doubles("[x]"));
            assertTrue(unknown.getMessage().contains("'[x]'") && unknown.getMessage().contains("'[w]' double["),
                    unknown.getMessage());
            ShmkitException wrong = assertThrows(ShmkitException.class, () -> seg.longs("[w]"));
            assertTrue(wrong.getMessage().contains("is a double[], not a long[]"), wrong.getMessage());
            ShmkitException type = assertThrows(ShmkitException.class, () -> seg.read(List.class));
            assertTrue(type.getMessage().contains("Map") && type.getMessage().contains(List.class.getName()),
                    type.getMessage());
        }
    }

    @Test
    void shouldFailViewsAfterCloseInsteadOfReadingUnmappedMemory() {
        Path file = write(Map.of("w", doubles(AT_THRESHOLD + 1, 0)));
        ObjectSegment seg = ObjectSegment.open(file);
        DoubleArrayView w = seg.doubles("[w]");
        seg.close();
        seg.close();
        assertThrows(ShmkitException.class, () -> w.get(0));
        assertThrows(ShmkitException.class, w::sum);
        assertThrows(ShmkitException.class, () -> seg.read(Map.class));
    }

    @Test
    void shouldDeserializeWithGivenClassLoader() {
        Model m = new Model();
        m.name = "x";
        try (ObjectSegment seg = ObjectSegment.open(write(m))) {
            Model back = seg.read(Model.class, Model.class.getClassLoader());
            assertEquals("x", back.name);
        }
    }
}
