package dev.shmkit.segment;

import dev.shmkit.memory.Mapping;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Superseded and removed versions: unlinked at once when nobody maps them (a superseded one parked as a
 * spare instead, see {@link SpareFilesTest}), retired while somebody does.
 */
@ExtendWith(SpaceDirExtension.class)
class VersionsGivenBackTest {
    private static final LocalSegmentSource SOURCE = LocalSegmentSource.get();

    private static SegmentStore.Writer bytes(int n, int fill) {
        return f -> {
            byte[] b = new byte[n];
            java.util.Arrays.fill(b, (byte) fill);
            Files.write(f, b);
        };
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .map(p -> dir.relativize(p).toString().replaceAll("^(\\.spare/.+)\\.\\d+\\.\\d+\\.spare$", "$1"))
                    .sorted().toList();
        }
    }

    @Test
    void shouldRetireAVersionThisProcessMapsAndUnlinkItWhenUnmapped(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentId v1 = store.publish("big", SegmentKind.OBJECT, bytes(4096, 1)).id();
        assertEquals("big.v1", v1.toString());
        Mapping held = SOURCE.map(v1);
        SegmentId v2 = store.publish("big", SegmentKind.OBJECT, bytes(4096, 2)).id();
        assertEquals(2, v2.version());
        String f1 = "big.v1.p" + SegmentStore.PID + ".obj";
        assertEquals(List.of(".retired/" + f1, "big.v2.p" + SegmentStore.PID + ".obj"), files(store.directory()));
        assertEquals(List.of(v2.withVersion(2)), store.currentAll().stream().map(SegmentFile::id).toList(), "list ignores .retired");
        try (Mapping again = SOURCE.map(v1)) {
            assertEquals(held.address(), again.address(), "the exact version, mapped once in this process");
            assertEquals(0x0101010101010101L, again.readLong(0));
        }
        held.close();
        assertEquals(List.of(".spare/big", "big.v2.p" + SegmentStore.PID + ".obj"), files(store.directory()),
                "the last unmap parks the retired version as a spare, its pages kept for the next publish");
        assertThrows(SegmentNotFoundException.class, () -> SOURCE.map(v1));
        store.remove("big");
    }

    @Test
    void shouldUnlinkAtOnceWhatNobodyMaps(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentId v1 = store.publish("big", SegmentKind.OBJECT, bytes(4096, 1)).id();
        try (Mapping m = SOURCE.map(v1)) {
            assertEquals(0x0101010101010101L, m.readLong(0));
        }
        store.publish("big", SegmentKind.OBJECT, bytes(4096, 2));
        assertEquals(List.of(".spare/big", "big.v2.p" + SegmentStore.PID + ".obj"), files(store.directory()),
                "superseded and unmapped: parked as a spare");
        assertTrue(store.remove("big"));
        assertEquals(List.of(), files(store.directory()));
    }

    @Test
    void shouldRetireOnRemoveWhileMappedAndNeverReuseARetiredVersion(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentId v1 = store.publish("big", SegmentKind.OBJECT, bytes(4096, 1)).id();
        Mapping held = SOURCE.map(v1);
        assertTrue(store.remove("big"));
        assertTrue(store.current("big").isEmpty());
        SegmentId next = store.publish("big", SegmentKind.OBJECT, bytes(4096, 3)).id();
        assertEquals(2, next.version(), "v1 still exists (retired): the next publish is v2");
        try (Mapping again = SOURCE.map(v1)) {
            assertEquals(0x0101010101010101L, again.readLong(0), "a removed version this process maps stays openable by id");
        }
        held.close();
        assertEquals(List.of(".spare/big", "big.v2.p" + SegmentStore.PID + ".obj"), VersionsGivenBackTest.files(store.directory()),
                "its name is published again: parked as a spare");
        store.remove("big");
    }

    @Test
    void shouldReportSupersededAndRemovedVersions(Path dir) {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        List<String> heard = new ArrayList<>();
        SegmentEvents.Listener l = SegmentEvents.addListener(new SegmentEvents.Listener() {
            @Override
            public void superseded(SegmentId old) {
                heard.add("superseded " + old);
            }

            @Override
            public void removed(SegmentId id) {
                heard.add("removed " + id);
            }
        });
        try {
            store.publish("a", SegmentKind.OBJECT, bytes(64, 1));
            store.publish("a", SegmentKind.OBJECT, bytes(64, 2));
            store.remove("a");
        } finally {
            SegmentEvents.removeListener(l);
        }
        assertEquals(List.of("superseded a.v1", "removed a.v2"), heard);
    }

    @Test
    void shouldSweepRetiredVersionsNobodyMapsAnyMore(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        Path retired = store.directory().resolve(".retired").resolve(SegmentFile.fileName("old", 3, SegmentStore.PID, SegmentKind.TABLE));
        Files.write(retired, new byte[100]);
        SweepReport r = store.sweep();
        assertEquals(List.of("old"), r.removed().stream().map(SegmentFile::name).toList(), r.toString());
        assertFalse(Files.exists(retired));
    }

    @Test
    void shouldMapOneVersionOncePerProcess(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentId v1 = store.publish("big", SegmentKind.OBJECT, bytes(1 << 20, 1)).id();
        try (Mapping a = SOURCE.map(v1); Mapping b = SOURCE.map(v1)) {
            assertEquals(1, ProcResources.mappedFilesUnder(ProcResources.self(), store.directory()).size());
            assertEquals(a.address(), b.address());
        }
        assertEquals(List.of(), ProcResources.mapsUnder(ProcResources.self(), store.directory()));
        store.remove("big");
    }
}
