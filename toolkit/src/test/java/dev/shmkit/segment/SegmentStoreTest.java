package dev.shmkit.segment;

import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
public class SegmentStoreTest {

    private static SegmentStore.Writer bytes(byte... content) {
        return f -> Files.write(f, content);
    }

    @Test
    void shouldPublishVersionsAndKeepOnlyTheCurrentOne(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentFile v1 = store.publish("big", SegmentKind.OBJECT, bytes((byte) 1));
        SegmentFile v2 = store.publish("big", SegmentKind.OBJECT, bytes((byte) 2));
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertFalse(Files.exists(v1.path()), "old version must be unlinked");
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(store.current("big").orElseThrow().path()));
        assertEquals(List.of(v2), store.versions("big"));
        assertTrue(store.remove("big"));
        assertFalse(store.remove("big"));
        assertTrue(store.current("big").isEmpty());
    }

    @Test
    void shouldCreatePrivateDirectoryAndFiles(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        SegmentFile f = store.publish("t", SegmentKind.TABLE, bytes((byte) 7));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())));
        assertEquals(SegmentStore.PID, f.pid());
        store.remove("t");
    }

    @Test
    void shouldRejectBadNames(Path dir) {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        for (String bad : new String[] {"", "a/b", "..", "a..b", ".hidden", "x y", "é", "a".repeat(129)}) {
            InvalidNameException e = assertThrows(InvalidNameException.class,
                    () -> store.publish(bad, SegmentKind.OBJECT, bytes()));
            assertTrue(e.getMessage().contains("[A-Za-z0-9_.-]"), e.getMessage());
        }
        assertEquals("a.b-c_1", SegmentFile.validate("a.b-c_1"));
    }

    @Test
    void shouldParseNamesWithDotsFromTheRight() {
        SegmentFile f = SegmentFile.parse(Path.of("/x/flights.2024.v12.p99.arrow"));
        assertEquals("flights.2024", f.name());
        assertEquals(12, f.version());
        assertEquals(99, f.pid());
        assertEquals(SegmentKind.TABLE, f.kind());
        assertEquals(null, SegmentFile.parse(Path.of("/x/notes.txt")));
        assertEquals(null, SegmentFile.parse(Path.of("/x/a.v1.p2.exe")));
    }

    @Test
    void shouldLeaveNothingWhenTheWriterFails(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        assertThrows(IllegalStateException.class, () -> store.publish("big", SegmentKind.OBJECT, f -> {
            Files.write(f, new byte[1000]);
            throw new IllegalStateException("writer failed half way");
        }));
        try (var s = Files.list(dir.resolve("s/.tmp"))) {
            assertEquals(0, s.count(), "temporary file must be deleted");
        }
        assertTrue(store.current("big").isEmpty());
    }

    @Test
    void shouldGiveOneConsistentWinnerUnderConcurrentPublishes(Path dir) throws Exception {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<SegmentFile>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte b = (byte) i;
                fs.add(ex.submit(() -> store.publish("race", SegmentKind.OBJECT, f -> Files.write(f, filled(b)))));
            }
            long maxVersion = 0;
            for (Future<SegmentFile> f : fs) {
                maxVersion = Math.max(maxVersion, f.get().version());
            }
            assertEquals(40, maxVersion, "every publish gets its own version");
            List<SegmentFile> left = store.versions("race");
            assertEquals(1, left.size(), "exactly one version remains: " + left);
            byte[] content = Files.readAllBytes(left.get(0).path());
            assertEquals(4096, content.length);
            for (byte c : content) {
                assertEquals(content[0], c, "file is not torn");
            }
        } finally {
            ex.shutdownNow();
            store.remove("race");
        }
    }

    private static byte[] filled(byte b) {
        byte[] a = new byte[4096];
        java.util.Arrays.fill(a, b);
        return a;
    }

    @Test
    void shouldSweepSegmentsOfDeadPublishersButKeepLiveOnes(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        long deadPid = deadPid();
        Path dead = store.directory().resolve(SegmentFile.fileName("orphan", 1, deadPid, SegmentKind.TABLE));
        Files.write(dead, new byte[123]);
        Path deadTmp = store.directory().resolve(".tmp/half." + deadPid + ".1.arrow");
        Files.write(deadTmp, new byte[10]);
        Path deadWarmup = store.temporaryDirectory().resolve("shmkit-warmup." + deadPid + ".0.bin");
        Files.write(deadWarmup, new byte[64]);
        Path deadDraft = store.temporaryDirectory().resolve(SegmentFile.fileName("draft", 4, deadPid, SegmentKind.RESULT));
        Files.write(deadDraft, new byte[4096]);
        SegmentFile mine = store.publish("mine", SegmentKind.OBJECT, bytes((byte) 1));
        SweepReport r = store.sweep();
        assertEquals(1, r.removed().size(), r.toString());
        assertEquals("orphan", r.removed().get(0).name());
        assertEquals(3, r.temporaryFilesRemoved(), "a dead publisher's temporary file, warm-up file and draft");
        assertEquals(133 + 64 + 4096, r.bytesFreed());
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadTmp));
        assertFalse(Files.exists(deadWarmup));
        assertFalse(Files.exists(deadDraft));
        assertTrue(Files.exists(mine.path()));
        store.remove("mine");
    }

    public static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }
}
