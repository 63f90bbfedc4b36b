package dev.shmkit.array;

import dev.shmkit.ShmkitException;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceEntry;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class SharedArrayTest {
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).filter(n -> !n.equals(".lock")).sorted().toList();
        }
    }

    @Test
    void shouldReadWriteAndCountAtomicallyInPlace(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedDoubleArray d = space.allocateDoubles("d", 10);
            SharedLongArray l = space.allocateLongs("l", 10);
            SharedIntArray i = space.allocateInts("i", 10);
            assertEquals(10, d.length());
            assertEquals(0.0, d.get(9), "allocated zero-filled");
            d.set(3, 1.5);
            assertEquals(1.5, d.get(3));
            assertEquals(4.0, d.addAndGet(3, 2.5), "addAndGet returns the new value");
            assertEquals(4.0, d.getAndAdd(3, 1.0), "getAndAdd returns the previous value");
            assertTrue(d.compareAndSet(3, 5.0, 7.0));
            assertFalse(d.compareAndSet(3, 5.0, 9.0), "the value is 7 now");
            assertEquals(7.0, d.getVolatile(3));
            assertEquals(5L, l.addAndGet(2, 5));
            assertEquals(5L, l.getAndAdd(2, -2));
            assertEquals(3L, l.get(2));
            assertTrue(l.compareAndSet(2, 3, Long.MAX_VALUE));
            assertEquals(Long.MAX_VALUE, l.get(2));
            assertEquals(-7, i.addAndGet(9, -7));
            assertEquals(-7, i.getAndAdd(9, 1));
            assertEquals(-6, i.get(9), "a negative int reads back sign-extended");
            d.copyFrom(4, new double[] {1, 2, 3, 4}, 1, 3);
            double[] back = new double[3];
            d.copyTo(4, back, 0, 3);
            assertArrayEquals(new double[] {2, 3, 4}, back);
            i.fill(2, 5, 11);
            assertArrayEquals(new int[] {0, 0, 11, 11, 11, 0, 0, 0, 0, -6}, i.copyToArray());
            assertEquals(7.0 + 2 + 3 + 4, d.sum());
            ShmkitException oob = assertThrows(ShmkitException.class, () -> d.set(10, 1));
            assertTrue(oob.getMessage().contains("index=10 outside [0, 10)"), oob.getMessage());
            assertThrows(ShmkitException.class, () -> d.copyFrom(8, new double[3], 0, 3));
        }
    }

    @Test
    void shouldStayUnlistedUntilPublishedThenBeReadOnlyAndListed(Path dir) throws IOException {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedLongArray hist = space.allocateLongs("hist", 1000);
            assertTrue(space.list().isEmpty(), "a draft is not listed");
            assertEquals(List.of(".tmp/hist.v1.p" + ProcessHandle.current().pid() + ".arr"), files(dir));
            hist.set(999, 42);
            var id = hist.publish();
            assertEquals("hist.v1", id.toString());
            assertTrue(hist.isPublished());
            assertFalse(hist.isWritable());
            assertEquals(42, hist.get(999), "reads go on after publish");
            ShmkitException ro = assertThrows(ShmkitException.class, () -> hist.set(0, 1));
            assertTrue(ro.getMessage().contains("read-only"), ro.getMessage());
            SpaceEntry e = space.list().get(0);
            assertEquals("hist", e.name());
            assertEquals("long[1000]", e.valueType());
            assertEquals(1000, e.rows());
            try (SharedLongArray again = space.array("hist", SharedLongArray.class)) {
                assertEquals(42, again.get(999));
                assertFalse(again.isWritable());
            }
            ShmkitException wrongType = assertThrows(ShmkitException.class, () -> space.array("hist", SharedDoubleArray.class));
            assertTrue(wrongType.getMessage().contains("holds long elements"), wrongType.getMessage());
        }
    }

    @Test
    void shouldRemoveAnUnpublishedArrayOnCloseAndUnmapIt(Path dir) throws IOException {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            SharedDoubleArray a = space.allocateDoubles("tmp", 1 << 20);
            a.fill(1.0);
            assertEquals(1, ProcResources.mapsUnder(ProcResources.self(), dir).size(), "mapped once");
            a.close();
            a.close();
            assertTrue(files(dir).isEmpty(), "the draft file is gone: " + files(dir));
            assertTrue(ProcResources.mapsUnder(ProcResources.self(), dir).isEmpty(), "unmapped");
            assertThrows(ShmkitException.class, () -> a.get(0));
        }
    }
}
