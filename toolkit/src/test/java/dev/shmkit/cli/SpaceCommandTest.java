package dev.shmkit.cli;

import dev.shmkit.memory.DevicePages;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.space.SpaceEntry;
import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shmkit space} lists a damaged entry with the others and says why it is damaged, shows the
 * path of every entry, and creates nothing when asked for a space that does not exist.
 */
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

    @Test
    void shouldShowThePathOfEachEntryAndSeparateThousands() {
        Path dir = Path.of("/dev/shm/shmkit-u/default");
        SpaceEntry big = new SpaceEntry("big", SegmentKind.TABLE, 3, 16_000_000, 2_000_000, 1, "x0:double", 41, true,
                Instant.parse("2026-12-01T10:00:00Z"), dir.resolve("big.v3.p41.arrow"));
        List<String> lines = SpaceCommand.format(dir, List.of(big)).lines().toList();
        assertEquals("space " + dir + ": 1 entry", lines.get(0));
        assertTrue(lines.get(1).contains(" path "), lines.get(1));
        assertTrue(lines.get(2).contains(" 2,000,000 ") && lines.get(2).contains(" " + dir.resolve("big.v3.p41.arrow") + " "),
                lines.get(2));
    }

    @Test
    void shouldNotCreateASpaceItIsAskedToListButNameTheExistingOnes(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("default"));
        Files.createDirectories(base.resolve("work"));
        Files.createDirectories(base.resolve(".pools"));
        for (Path p : List.of(base, base.resolve("default"), base.resolve("work"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));  // as shmkit makes them
        }
        String before = System.getProperty(SpaceOptions.DIR_PROPERTY);
        System.setProperty(SpaceOptions.DIR_PROPERTY, base.toString());
        try {
            UsageException e = assertThrows(UsageException.class, () -> SpaceCommand.run(new String[] {"big"}));
            assertTrue(e.getMessage().startsWith("no space 'big' at " + base.resolve("big") + "; spaces under " + base
                    + ": default, work ("), e.getMessage());
            assertFalse(Files.exists(base.resolve("big")), "listing must not create the space");

            PrintStream out = System.out;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                SpaceCommand.run(new String[] {"work"});
            } finally {
                System.setOut(out);
            }
            assertEquals("space " + base.resolve("work") + ": 0 entries; on " + DevicePages.of(base).describe() + "\n",
                    buf.toString(StandardCharsets.UTF_8));
        } finally {
            if (before == null) {
                System.clearProperty(SpaceOptions.DIR_PROPERTY);
            } else {
                System.setProperty(SpaceOptions.DIR_PROPERTY, before);
            }
        }
    }
}
