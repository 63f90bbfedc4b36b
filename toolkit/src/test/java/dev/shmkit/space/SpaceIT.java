package dev.shmkit.space;

import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.SweepReport;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-process behaviour of a space, with real second JVMs. */
@ExtendWith(SpaceDirExtension.class)
class SpaceIT {
    private static final int ROWS = 100_000;
    private static final double RAMP_SUM = (ROWS - 1) * (double) ROWS / 2;

    @Test
    void shouldLetASecondJvmReadAPublishedTableAndObject(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", SpaceChild.ramp(ROWS, 0));
            space.put("big-obj", Map.of("list", List.of("a", "b")));
            try (ChildJvm child = ChildJvm.start(SpaceChild.class, "read", spaceDir.toString(), "big")) {
                assertEquals("rows " + ROWS + " sum " + RAMP_SUM + " obj [a, b]", child.expect("rows", 60));
                child.send("exit");
                assertEquals(0, child.waitFor(30));
            }
        }
    }

    @Test
    void shouldRemoveSegmentsWhenThePublisherExitsNormally(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (ChildJvm child = ChildJvm.start(SpaceChild.class, "publish", spaceDir.toString(), "big", "1000")) {
            Path published = Path.of(child.expect("published ", 60).substring("published ".length()));
            assertTrue(Files.exists(published));
            child.send("exit");
            assertEquals(0, child.waitFor(30));
            assertFalse(Files.exists(published), "a normal exit removes the publisher's segments");
        }
    }

    @Test
    void shouldSweepAKilledPublishersSegmentsOnlyOnceNobodyMapsThem(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        Path published;
        try (ChildJvm publisher = ChildJvm.start(SpaceChild.class, "publish", spaceDir.toString(), "big", String.valueOf(ROWS))) {
            published = Path.of(publisher.expect("published ", 60).substring("published ".length()));
            try (ChildJvm holder = ChildJvm.start(SpaceChild.class, "hold", spaceDir.toString(), published.toString())) {
                assertEquals("mapped rows " + ROWS, holder.expect("mapped", 60));
                publisher.kill(); // SIGKILL: no shutdown hook runs
                assertTrue(Files.exists(published), "a killed publisher leaves its segment");
                try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir).sweepOnOpen(false))) {
                    SweepReport kept = space.sweep();
                    assertEquals(List.of("big"), kept.keptBecauseMapped().stream().map(SegmentFile::name).toList(), kept.toString());
                    assertEquals(List.of("big-obj"), kept.removed().stream().map(SegmentFile::name).toList(), kept.toString());
                    assertTrue(Files.exists(published), "still mapped by the holder: kept");
                    holder.send("exit");
                    assertEquals("still reads sum " + RAMP_SUM, holder.expect("still", 30));
                    assertEquals(0, holder.waitFor(30));
                    SweepReport swept = space.sweep();
                    assertEquals(List.of("big"), swept.removed().stream().map(SegmentFile::name).toList(),
                            swept.toString());
                    assertFalse(Files.exists(published));
                    assertTrue(space.list().isEmpty());
                }
            }
        }
    }

    @Test
    void shouldWarmUpInsideTheSpaceAndLeaveNothingInTheTemporaryDirectory(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        Path tmp = Files.createDirectories(dir.resolve("java-tmp"));
        try (ChildJvm child = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmp), SpaceChild.class, "publish",
                spaceDir.toString(), "big", "10")) {
            child.expect("published ", 60);
            try (var left = Files.list(tmp); var spaceTmp = Files.list(spaceDir.resolve(".tmp"))) {
                assertEquals(List.of(), left.toList(), "nothing in java.io.tmpdir");
                assertEquals(List.of(), spaceTmp.toList(), "the warm-up file is removed");
            }
            child.send("exit");
            assertEquals(0, child.waitFor(30));
        }
        Files.delete(tmp);
    }

    @Test
    void shouldSweepOnOpen(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (ChildJvm publisher = ChildJvm.start(SpaceChild.class, "publish", spaceDir.toString(), "big", "10")) {
            Path published = Path.of(publisher.expect("published ", 60).substring("published ".length()));
            publisher.kill();
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
                assertFalse(Files.exists(published), "opening a space sweeps dead publishers' segments");
                assertTrue(space.list().isEmpty());
            }
        }
    }

    @Test
    void shouldGiveOneConsistentWinnerWhenTwoProcessesPublishTheSameName(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (ChildJvm a = ChildJvm.start(SpaceChild.class, "race", spaceDir.toString(), "hot", "30", "1");
             ChildJvm b = ChildJvm.start(SpaceChild.class, "race", spaceDir.toString(), "hot", "30", "2");
             SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir).sweepOnOpen(false))) {
            // read while they race: every attach sees a whole file with a single tag
            long reads = 0;
            while (a.process().isAlive() && b.process().isAlive() && reads < 200) {
                java.util.Optional<SpaceEntry> hot = space.entry("hot");
                if (hot.isPresent()) {
                    try (SharedTable t = SharedTable.open(hot.get().path())) {
                        double tag = t.doubleColumn("tag").get(0);
                        assertEquals(tag * 20_000, t.doubleColumn("tag").sum(), 0.0, "torn file");
                        reads++;
                    } catch (dev.shmkit.memory.MissingFileException | dev.shmkit.segment.SegmentNotFoundException raced) {
                        // replaced between listing and mapping: the next loop reads the new one
                    }
                }
                Thread.sleep(1);
            }
            assertEquals("raced", a.expect("raced", 120));
            assertEquals("raced", b.expect("raced", 120));
            List<SegmentFile> versions = new SegmentStore(spaceDir).versions("hot");
            assertEquals(1, versions.size(), versions.toString());
            assertEquals(60, versions.get(0).version(), "60 publishes, 60 versions");
            try (SharedTable t = space.table("hot")) {
                double tag = t.doubleColumn("tag").get(0);
                assertTrue(tag == 1 || tag == 2);
                assertEquals(tag * 20_000, t.doubleColumn("tag").sum(), 0.0);
            }
            a.send("exit");
            b.send("exit");
            a.waitFor(30);
            b.waitFor(30);
            space.remove("hot");
            // The racers halted without closing: what they still mapped then was retired, and is swept now.
            SweepReport swept = space.sweep();
            assertTrue(swept.keptBecauseMapped().isEmpty(), swept.toString());
        }
    }
}
