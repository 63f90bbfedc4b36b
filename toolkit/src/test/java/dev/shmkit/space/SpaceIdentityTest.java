package dev.shmkit.space;

import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views know their version, and one version is mapped once per process (counted in /proc/self/maps). */
@ExtendWith(SpaceDirExtension.class)
class SpaceIdentityTest {
    private static final long SELF = ProcResources.self();

    @Test
    void shouldGiveEveryViewItsSegmentId(Path dir) {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            SharedTable v1 = space.publish("big", SharedSpaceTest.sample(0));
            SegmentId id = v1.id();
            assertEquals(new SegmentId(spaceDir.toAbsolutePath().toString(), "big", 1, SegmentKind.TABLE), id);
            assertEquals("big.v1", id.toString());
            assertTrue(v1.isWhole());
            SharedTable slice = v1.slice(1, 3);
            assertFalse(slice.isWhole(), "a slice is not whole");
            assertEquals(id, slice.id());
            assertEquals(id, space.table("big").id());
            assertEquals(id, space.entry("big").orElseThrow().id());
            space.put("cfg", Map.of("k", 1));
            assertEquals("cfg.v1", space.object("cfg").id().toString());
            assertEquals(2, space.publish("big", SharedSpaceTest.sample(1)).id().version());
            try (SharedTable byPath = SharedTable.open(space.entry("big").orElseThrow().path())) {
                assertEquals("big.v2", byPath.id().toString(), "a space file opened by path: id from its name");
            }
        }
    }

    @Test
    void shouldReportSupersededVersionsOnRepublishAndRemovedOnRemoveAndClose(Path dir) {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.shmkit.segment.SegmentEvents.Listener l = dev.shmkit.segment.SegmentEvents.addListener(
                new dev.shmkit.segment.SegmentEvents.Listener() {
                    @Override
                    public void superseded(SegmentId old) {
                        heard.add("superseded " + old);
                    }

                    @Override
                    public void removed(SegmentId id) {
                        heard.add("removed " + id);
                    }
                });
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            space.publish("big", SharedSpaceTest.sample(0)).close();
            space.publish("big", SharedSpaceTest.sample(1)).close();
            space.remove("big");
            space.put("cfg", List.of(1));
        } finally {
            dev.shmkit.segment.SegmentEvents.removeListener(l);
        }
        assertEquals(List.of("superseded big.v1", "removed big.v2", "removed cfg.v1"), heard);
    }

    @Test
    void shouldHaveNoIdForAForeignArrowFile(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", SharedSpaceTest.sample(0));
            Path foreign = dir.resolve("flights.arrow");
            java.nio.file.Files.copy(space.entry("big").orElseThrow().path(), foreign);
            try (SharedTable t = SharedTable.open(foreign)) {
                assertNull(t.id());
                assertEquals(3, t.rowCount());
            }
            java.nio.file.Files.delete(foreign);
        }
    }

    @Test
    void shouldMapOneVersionOnceHoweverOftenItIsAttachedOrListed(Path dir) {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            SharedTable published = space.publish("big", SharedSpaceTest.sample(0));
            SharedTable a = space.table("big");
            SharedTable b = space.table("big");
            space.list();
            space.entry("big");
            try (SharedTable c = SharedTable.attach(LocalSegmentSource.get(), a.id())) {
                assertEquals(3, c.rowCount());
                assertEquals(1, ProcResources.mappedFilesUnder(SELF, spaceDir).size(), ProcResources.mapsUnder(SELF, spaceDir).toString());
            }
            a.close();
            b.close();
            published.close();
            assertEquals(6.0 - 3.0, space.table("big").doubleColumn("x").sum(), 0.0);
            assertEquals(1, ProcResources.mappedFilesUnder(SELF, spaceDir).size());
        }
        assertEquals(List.of(), ProcResources.mapsUnder(SELF, spaceDir), "close unmaps every view");
    }

    @Test
    void shouldListWithoutLeavingMappings(Path dir) {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace a = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            a.publish("t", SharedSpaceTest.sample(0));
            a.put("o", List.of(1, 2, 3));
            a.remove("t"); // nothing of "t" mapped any more
            try (SharedSpace b = SharedSpace.open(SpaceOptions.directory(spaceDir).sweepOnOpen(false))) {
                a.publish("t2", SharedSpaceTest.sample(0));
                List<String> before = ProcResources.mapsUnder(SELF, spaceDir);
                for (int i = 0; i < 20; i++) {
                    assertEquals(2, b.list().size());
                }
                assertEquals(before, ProcResources.mapsUnder(SELF, spaceDir), "list() leaves no mapping behind");
            }
        }
    }
}
