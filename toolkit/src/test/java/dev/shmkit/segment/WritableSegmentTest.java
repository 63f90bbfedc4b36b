package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.SpaceFullException;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class WritableSegmentTest {
    private static final LocalSegmentSource SOURCE = LocalSegmentSource.get();

    @Test
    void shouldBeInvisibleUntilSealedThenTheNewestVersion(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        try (WritableSegment w = store.create("out", SegmentKind.RESULT, 8 * 1000)) {
            assertEquals("out.v1", w.id().toString());
            assertEquals(8192, Files.size(w.path()), "allocated up front, in whole pages");
            assertEquals(8000, w.length());
            assertTrue(w.path().startsWith(store.directory().resolve(".tmp")));
            assertTrue(store.current("out").isEmpty(), "a draft is not visible");
            try (Mapping other = SOURCE.map(w.id())) {
                assertTrue(other.isWritable(), "a draft maps read-write by id");
            }
            for (int i = 0; i < 1000; i++) {
                w.mapping().writeLong(8L * i, i * 3L);
            }
            SegmentId sealed = w.seal();
            assertEquals(w.id(), sealed, "no other version meanwhile: the draft's id is final");
            assertEquals(sealed, store.current("out").orElseThrow().id());
            assertEquals(8000, Files.size(store.current("out").orElseThrow().path()), "sealed at the length asked for");
            assertThrows(ShmkitException.class, w::mapping);
            try (Mapping r = SOURCE.map(sealed)) {
                assertFalse(r.isWritable());
                assertEquals(999 * 3L, r.readLong(8 * 999));
            }
        }
        assertTrue(store.remove("out"));
    }

    @Test
    void shouldGiveReadersTheSealedFileNotAWritersMappingOfTheDraft(Path dir) {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        WritableSegment w = store.create("out", SegmentKind.RESULT, 1000);
        try (Mapping writer = SOURCE.map(w.id())) { // a writer in this process still holds the draft
            writer.writeLong(992, 77);
            SegmentId sealed = w.seal();
            try (Mapping reader = SOURCE.map(sealed)) {
                assertFalse(reader.isWritable());
                assertEquals(1000, reader.length(), "the sealed length, not the draft's whole pages");
                assertEquals(77, reader.readLong(992));
            }
        }
        store.remove("out");
    }

    @Test
    void shouldLeaveNothingWhenAborted(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        WritableSegment w = store.create("out", SegmentKind.RESULT, 4096);
        w.mapping().writeLong(0, 1);
        w.close();
        w.abort();
        assertTrue(store.current("out").isEmpty());
        assertEquals(List.of(), VersionsGivenBackTest.files(store.directory()));
    }

    @Test
    void shouldTakeANewerVersionWhenOneWasPublishedMeanwhile(Path dir) {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        WritableSegment w = store.create("out", SegmentKind.RESULT, 64);
        SegmentFile published = store.publish("out", SegmentKind.RESULT, f -> Files.write(f, new byte[64]));
        assertNotEquals(w.id().version(), published.version(), "a draft's version is never handed out twice");
        SegmentId sealed = w.seal();
        assertTrue(sealed.version() > published.version(), "sealed becomes the newest: " + sealed);
        assertEquals(sealed, store.current("out").orElseThrow().id());
        assertEquals(1, store.versions("out").size());
        store.remove("out");
    }

    @Test
    void shouldRefuseASegmentTheDeviceCannotHold(Path dir) throws Exception {
        Path mountPoint = dir.resolve("small");
        TmpfsMount mount = TmpfsMount.mount(mountPoint, 8);
        if (mount == null) {
            dev.shmkit.memory.Reservation.simulateFreeSpaceForTests(mountPoint, 8L << 20);
        }
        try {
            SegmentStore store = new SegmentStore(mountPoint.resolve("s"));
            SpaceFullException e = assertThrows(SpaceFullException.class, () -> store.create("huge", SegmentKind.RESULT, 64L << 20));
            assertEquals(64L << 20, e.needed());
            assertTrue(e.free() <= 8L << 20, e.getMessage());
            assertTrue(e.getMessage().contains("needed=" + (64L << 20)) && e.getMessage().contains("free="), e.getMessage());
            assertEquals(List.of(), VersionsGivenBackTest.files(store.directory()), "nothing left behind");
        } finally {
            if (mount != null) {
                mount.close();
            } else {
                dev.shmkit.memory.Reservation.simulateFreeSpaceForTests(mountPoint, null);
            }
        }
    }
}
