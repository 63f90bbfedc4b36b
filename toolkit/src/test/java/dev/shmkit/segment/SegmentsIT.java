package dev.shmkit.segment;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writable segments and versions held by id, across real processes. */
@ExtendWith(SpaceDirExtension.class)
class SegmentsIT {
    private static final long N = 1_000_000; // longs: 8 MB

    @Test
    void shouldBeFilledByTwoProcessesSealedAndReadByAThird(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        SegmentStore store = new SegmentStore(spaceDir);
        try (WritableSegment w = store.create("out", SegmentKind.RESULT, 8 * N)) {
            String v = Long.toString(w.id().version());
            try (ChildJvm a = ChildJvm.start(SegmentChild.class, "fill", spaceDir.toString(), "out", v, "0", "400000");
                 ChildJvm b = ChildJvm.start(SegmentChild.class, "fill", spaceDir.toString(), "out", v, "400000", Long.toString(N))) {
                assertTrue(a.pid() != b.pid() && a.pid() != SegmentStore.PID);
                assertEquals("filled 400000 writable=true", a.expect("filled", 60));
                assertEquals("filled 600000 writable=true", b.expect("filled", 60));
                assertEquals(0, a.waitFor(30));
                assertEquals(0, b.waitFor(30));
            }
            assertTrue(store.current("out").isEmpty(), "not visible before seal");
            SegmentId sealed = w.seal();
            assertEquals(sealed, store.current("out").orElseThrow().id());
            try (ChildJvm reader = ChildJvm.start(SegmentChild.class, "read", spaceDir.toString(), "out",
                    Long.toString(sealed.version()), Long.toString(N))) {
                long expected = 7 * (N - 1) * N / 2 + N;
                assertEquals("sum " + expected + " writable=false", reader.expect("sum", 60));
                assertEquals(0, reader.waitFor(30));
            }
        }
        assertTrue(store.remove("out"));
    }

    @Test
    void shouldLeaveNoVersionWhenTheCreatorIsKilledAndSweepItsDraft(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        SegmentStore store = new SegmentStore(spaceDir);
        try (ChildJvm creator = ChildJvm.start(SegmentChild.class, "create", spaceDir.toString(), "out", Long.toString(8 * N))) {
            String v = creator.expect("created ", 60).substring("created ".length());
            try (ChildJvm writer = ChildJvm.start(SegmentChild.class, "fill", spaceDir.toString(), "out", v, "0", "1000", "hang")) {
                assertEquals("filled 1000 writable=true", writer.expect("filled", 60));
                List<Path> drafts = listTmp(store);
                assertEquals(1, drafts.size(), drafts.toString());
                assertTrue(drafts.get(0).getFileName().toString().endsWith(".p" + creator.pid() + ".res"),
                        "the draft carries its creator's pid, not a writer's: " + drafts);
                creator.kill();
                writer.kill();
            }
        }
        assertTrue(store.current("out").isEmpty(), "a killed creator leaves no visible version");
        SweepReport r = store.sweep();
        assertEquals(1, r.temporaryFilesRemoved(), r.toString());
        assertTrue(r.bytesFreed() >= 8 * N, r.toString()); // the draft, in whole pages
        assertEquals(List.of(), listTmp(store));
    }

    @Test
    void shouldLeaveNothingWhenAWriterIsKilledAndTheCreatorAborts(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        SegmentStore store = new SegmentStore(spaceDir);
        WritableSegment w = store.create("out", SegmentKind.RESULT, 8 * N);
        try (ChildJvm writer = ChildJvm.start(SegmentChild.class, "fill", spaceDir.toString(), "out",
                Long.toString(w.id().version()), "0", "1000", "hang")) {
            writer.expect("filled", 60);
            writer.kill();
        }
        w.close(); // not sealed: aborted
        assertTrue(store.current("out").isEmpty());
        assertEquals(List.of(), listTmp(store));
    }

    private static List<Path> listTmp(SegmentStore store) throws Exception {
        try (var s = Files.list(store.temporaryDirectory())) {
            return s.toList();
        }
    }

    @Test
    void shouldKeepTheVersionACallerHoldsOpenableWhileTwoProcessesRepublish(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        LocalSegmentSource source = LocalSegmentSource.get();
        int held = 0;
        int missedBeforeHeld = 0;
        List<String> failures = new ArrayList<>();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir).sweepOnOpen(false));
             ChildJvm a = ChildJvm.start(SegmentChild.class, "republish", spaceDir.toString(), "hot", "15000", "1");
             ChildJvm b = ChildJvm.start(SegmentChild.class, "republish", spaceDir.toString(), "hot", "15000", "2");
             ChildJvm mapper = ChildJvm.start(SegmentChild.class, "mapper", spaceDir.toString(), "hot")) {
            SegmentStore store = space.store();
            long end = Long.MAX_VALUE;
            // ~10 s of racing, longer on a loaded machine until 10 versions were held, while both republish (15 s)
            while ((System.nanoTime() < end || held < 10) && a.process().isAlive() && b.process().isAlive()
                    && !a.outReady() && !b.outReady()) {
                Optional<SegmentFile> current = store.current("hot");
                if (current.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                if (end == Long.MAX_VALUE) {
                    end = System.nanoTime() + 10_000_000_000L; // ~10 s of racing once the first version is there
                }
                SharedTable t;
                try {
                    t = SharedTable.attach(source, current.get().id());
                } catch (SegmentNotFoundException e) {
                    missedBeforeHeld++; // superseded and unmapped everywhere between listing and mapping: nobody held it
                    continue;
                }
                try (t) {
                    mapper.send("map " + t.id().version()); // a job in flight: another process maps what we hold
                    String reply = mapper.readLine(60);
                    if (!reply.equals("ok")) {
                        failures.add(t.id() + ": " + reply);
                    }
                    held++;
                }
            }
            String doneA = a.expect("done", 60);
            String doneB = b.expect("done", 60);
            mapper.send("exit");
            a.send("exit");
            b.send("exit");
            assertEquals(0, a.waitFor(30));
            assertEquals(0, b.waitFor(30));
            assertEquals(0, mapper.waitFor(30));
            System.err.println("[SegmentsIT] republished: " + doneA + ", " + doneB + "; held=" + held
                    + " (each mapped by a second process) missedBeforeHeld=" + missedBeforeHeld + " failures=" + failures.size());
            assertEquals(List.of(), failures);
            assertTrue(held >= 10, "held=" + held);
            SweepReport r = space.sweep();
            assertTrue(r.keptBecauseMapped().isEmpty(), r.toString());
        }
        try (var retired = Files.list(spaceDir.resolve(".retired"))) {
            assertFalse(retired.findAny().isPresent(), "no retired version left");
        }
    }
}
