package dev.shmkit.space;

import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 8: one corrupt or truncated entry does not fail the listing of the whole space; it
 * is listed as damaged with the reason, next to the others, which read as before.
 */
@ExtendWith(SpaceDirExtension.class)
class SpaceDamagedEntryTest {

    @Test
    void shouldListATruncatedAndAGarbageEntryAsDamagedAndTheOthersFine(Path dir) throws IOException {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            space.publish("good", SharedSpaceTest.sample(1));
            space.put("cfg", Map.of("k", 1));
            // planted as another publisher would have left them: a table cut in half, an object of noise
            Path whole = dir.resolve("whole.arrow");
            ArrowTableWriter.write(SharedSpaceTest.sample(2), whole);
            byte[] bytes = Files.readAllBytes(whole);
            Files.delete(whole);
            Path cut = space.directory().resolve(SegmentFile.fileName("cut", 1, SegmentStore.PID, SegmentKind.TABLE));
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            byte[] noise = new byte[4096];
            new java.util.Random(9).nextBytes(noise);
            Path junk = space.directory().resolve(SegmentFile.fileName("junk", 1, SegmentStore.PID, SegmentKind.OBJECT));
            Files.write(junk, noise);

            List<SpaceEntry> entries = space.list();
            assertEquals(List.of("cfg", "cut", "good", "junk"), entries.stream().map(SpaceEntry::name).toList());
            SpaceEntry cfg = entries.get(0);
            SpaceEntry cutEntry = entries.get(1);
            SpaceEntry good = entries.get(2);
            SpaceEntry junkEntry = entries.get(3);

            assertFalse(good.damaged(), good.toString());
            assertEquals(3, good.rows());
            assertEquals(3, good.columns());
            assertFalse(cfg.damaged(), cfg.toString());
            assertTrue(cfg.valueType().contains("Map"), cfg.valueType());

            for (SpaceEntry d : List.of(cutEntry, junkEntry)) {
                assertTrue(d.damaged(), d.toString());
                assertTrue(d.valueType().startsWith("damaged: "), d.valueType());
                assertTrue(d.damage().contains(d.path().toString()) || d.damage().contains(d.name()), d.damage());
                assertEquals(-1, d.rows());
                assertEquals(Files.size(d.path()), d.bytes());
            }
            assertEquals(bytes.length / 2, cutEntry.bytes());
            assertTrue(space.entry("cut").orElseThrow().damaged());
            assertEquals(1 + 2 + 3, space.table("good").doubleColumn("x").sum(), 0.0); // the others still read
            System.out.println("cut: " + cutEntry.damage() + "\njunk: " + junkEntry.damage());
            Files.delete(cut);
            Files.delete(junk);
        }
    }
}
