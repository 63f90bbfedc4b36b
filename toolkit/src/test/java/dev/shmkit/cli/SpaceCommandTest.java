package dev.shmkit.cli;

import dev.shmkit.segment.SegmentKind;
import dev.shmkit.space.SpaceEntry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code shmkit space} lists a damaged entry with the others and says why it is damaged. */
class SpaceCommandTest {

    @Test
    void shouldShowADamagedEntryAndItsReason() {
        Path dir = Path.of("/dev/shm/shmkit-u/default");
        SpaceEntry good = new SpaceEntry("good", SegmentKind.TABLE, 2, 4096, 3, 2, "table", 41, true,
                Instant.parse("2026-12-01T10:00:00Z"), dir.resolve("good.v2.p41.arrow"));
        String reason = "segment file " + dir.resolve("cut.v1.p41.arrow") + ": no ARROW1 magic at end (offset=775); not an Arrow IPC file, or truncated";
        SpaceEntry cut = new SpaceEntry("cut", SegmentKind.TABLE, 1, 1550, -1, -1, SpaceEntry.DAMAGED + ": " + reason, 41, false,
                Instant.parse("2026-12-01T10:00:00Z"), dir.resolve("cut.v1.p41.arrow"), reason);
        List<String> lines = SpaceCommand.format(dir, List.of(cut, good)).lines().toList();
        assertEquals("space " + dir + ": 2 entries (1 damaged)", lines.get(0));
        assertTrue(lines.get(1).startsWith("name") && lines.get(1).endsWith("type"), lines.get(1));
        assertTrue(lines.get(2).startsWith("cut ") && lines.get(2).endsWith(" damaged"), lines.get(2));
        assertTrue(lines.get(3).startsWith("good ") && lines.get(3).endsWith(" table"), lines.get(3));
        assertEquals("damaged: cut v1 file=" + dir.resolve("cut.v1.p41.arrow") + ": " + reason
                + "; remove it with space.remove(\"cut\") or publish it again", lines.get(4));
        assertEquals(5, lines.size());
    }
}
