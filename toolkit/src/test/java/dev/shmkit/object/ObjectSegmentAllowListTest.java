package dev.shmkit.object;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 3: reading an object segment instantiates only allowed classes. */
class ObjectSegmentAllowListTest {
    @TempDir
    Path dir;

    /** Not final, stored in a List&lt;Object&gt;: Kryo writes its name, so the reader resolves it. */
    public static class Unlisted {
        public int v;

        public Unlisted() {
        }

        Unlisted(int v) {
            this.v = v;
        }
    }

    /** Only for {@link #shouldAllowClassesDefinedByTheSessionLoaderPassedToRead}: no other test allows it. */
    public static class SessionOnly {
        public int v = 7;
    }

    private Path write(Object value) {
        Path file = dir.resolve("seg-" + System.nanoTime());
        ObjectWriter.write(value, file, ProcessHandle.current().pid());
        return file;
    }

    @Test
    void shouldRefuseAMapWithAUrlKey() throws Exception {
        Map<Object, String> planted = new HashMap<>();
        planted.put(new URL("http://127.0.0.1:9/"), "x");
        Path file = write(planted);
        try (ObjectSegment seg = ObjectSegment.open(file)) {
            ClassNotAllowedException e = assertThrows(ClassNotAllowedException.class, () -> seg.read(Map.class));
            assertEquals("java.net.URL", e.className());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("class=java.net.URL is not on the deserialization allow-list"), e.getMessage());
            assertTrue(e.getMessage().contains("Kryos.allow(java.net.URL.class)"), e.getMessage());
            assertTrue(e.getMessage().contains("SHMKIT_ALLOW_CLASSES=java.net.URL"), e.getMessage());
        }
    }

    @Test
    void shouldReadTheDeclaredTypeAndRefuseItInsideACollectionUntilAllowed() {
        try (ObjectSegment direct = ObjectSegment.open(write(new Unlisted(5)))) {
            assertEquals(5, direct.read(Unlisted.class).v);
        }
        List<Object> list = new ArrayList<>(List.of("a", 1, 2.5, new Unlisted(3)));
        try (ObjectSegment seg = ObjectSegment.open(write(list))) {
            ClassNotAllowedException e = assertThrows(ClassNotAllowedException.class, () -> seg.read(List.class));
            assertEquals(Unlisted.class.getName(), e.className());
            Kryos.allow(Unlisted.class);
            List<?> back = seg.read(List.class);
            assertEquals(List.of("a", 1, 2.5), back.subList(0, 3));
            assertEquals(3, ((Unlisted) back.get(3)).v);
        }
    }

    @Test
    void shouldReadJdkCollectionsBoxesAndArraysByDefault() {
        Map<String, Object> value = new HashMap<>();
        value.put("list", new ArrayList<>(List.of(1L, "s", new int[] {1, 2})));
        value.put("boxes", new Object[] {1, 2L, 3.0f, 4.0, 'c', (short) 5, (byte) 6, true});
        value.put("immutable", List.of(Map.of("k", new double[] {0.5})));
        try (ObjectSegment seg = ObjectSegment.open(write(value))) {
            Map<?, ?> back = seg.read(Map.class);
            assertEquals(3, back.size());
            assertEquals(1L, ((List<?>) back.get("list")).get(0));
        }
    }

    @Test
    void shouldAllowClassesDefinedByTheSessionLoaderPassedToRead() throws Exception {
        URL classes = SessionOnly.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader session = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = session.loadClass(SessionOnly.class.getName());
            Object instance = type.getConstructor().newInstance();
            List<Object> list = new ArrayList<>(List.of(instance));
            try (ObjectSegment seg = ObjectSegment.open(write(list))) {
                List<?> back = seg.read(List.class, session);
                assertEquals(type, back.get(0).getClass());
                ClassNotAllowedException e = assertThrows(ClassNotAllowedException.class,
                        () -> seg.read(List.class, ClassLoader.getSystemClassLoader()));
                assertEquals(SessionOnly.class.getName(), e.className());
            }
        }
    }
}
