package dev.shmkit.space;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SpaceQuota;
import dev.shmkit.segment.SpaceQuotaExceededException;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cap on what one user's spaces hold ({@code shmkit.maxSpaceBytes}): a publish, put or create
 * over it is refused with the cap, the usage, the request and the fix, and leaves nothing behind,
 * as the file system sees it (the directory's files and the device's free bytes, on a tmpfs of the
 * test's own where the OS lets us mount one).
 */
class SpaceQuotaTest {
    private static final long MB = 1 << 20;

    private static Table doubles(int rows) {
        return Table.create("t", DoubleColumn.create("x", IntStream.range(0, rows).asDoubleStream().toArray()));
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void shouldRefuseAPublishOverTheCapAndLeaveNothing(@TempDir Path tmp) throws Exception {
        try (TmpfsMount mount = TmpfsMount.mount(tmp.resolve("shm"), 64)) {
            Path dir = (mount != null ? mount.dir() : tmp).resolve("space");
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir).maxSpaceBytes(10 * MB))) {
                space.publish("small", doubles(250_000)); // 2 MB
                List<String> before = files(dir);
                long freeBefore = Files.getFileStore(dir).getUsableSpace();

                SpaceQuotaExceededException e = assertThrows(SpaceQuotaExceededException.class,
                        () -> space.publish("big", doubles(2_000_000))); // 16 MB > 10 MB cap
                String m = e.getMessage();
                for (String part : List.of("publish 'big'", "requested=16000", "used=2000", "cap=10485760",
                        "shmkit.maxSpaceBytes", "SHMKIT_MAX_SPACE_BYTES", "fix:", "%unshare")) {
                    assertTrue(m.contains(part), "message lacks '" + part + "': " + m);
                }
                assertEquals(10 * MB, e.capBytes());
                assertTrue(e.requestedBytes() > 16_000_000 && e.usedBytes() > 2_000_000, m);

                assertEquals(before, files(dir), "a refused publish leaves no file");
                long freeAfter = Files.getFileStore(dir).getUsableSpace();
                if (mount != null) {
                    assertEquals(freeBefore, freeAfter, "the test's own tmpfs gets every byte back");
                } else {
                    assertTrue(freeAfter > freeBefore - 8 * MB, "free before=" + freeBefore + " after=" + freeAfter);
                }
                assertTrue(space.entry("big").isEmpty());
                assertEquals(2, space.table("small").rowCount() / 125_000, "what was published stays readable");
                space.remove("small");
            }
        }
    }

    @Test
    @ExtendWith(SpaceDirExtension.class)
    void shouldRefuseAPutAndACreateOverTheCap(Path dir) throws Exception {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir).maxSpaceBytes(4 * MB))) {
            assertThrows(SpaceQuotaExceededException.class, () -> space.put("arr", new double[1_000_000]));
            ShmkitException e = assertThrows(SpaceQuotaExceededException.class,
                    () -> space.store().create("draft", SegmentKind.OBJECT, 8 * MB));
            assertTrue(e.getMessage().startsWith("create 'draft'"), e.getMessage());
            assertEquals(List.of(), files(dir).stream().filter(f -> !f.equals(".lock")).toList());
            space.put("ok", new double[100_000]); // 800 kB fits
            assertTrue(space.remove("ok"));
        }
    }

    @Test
    @ExtendWith(SpaceDirExtension.class)
    void shouldCountTheVersionAPublishReplaces(Path dir) {
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir).maxSpaceBytes(12 * MB))) {
            space.publish("big", doubles(1_000_000)).close(); // 8 MB; closed, so removing it unlinks it at once
            SpaceQuotaExceededException e = assertThrows(SpaceQuotaExceededException.class,
                    () -> space.publish("big", doubles(1_000_000)));
            assertTrue(e.getMessage().contains("current version it would replace"), e.getMessage());
            assertTrue(space.remove("big"));
            space.publish("big", doubles(1_000_000)); // after removing it, the new one fits
            assertTrue(space.remove("big"));
        }
    }

    @Test
    void shouldReadTheCapFromPropertyWithUnits() {
        assertEquals(512 * MB, SpaceQuota.parse("512m", "test"));
        assertEquals(2L << 30, SpaceQuota.parse("2G", "test"));
        assertEquals(1000, SpaceQuota.parse("1000", "test"));
        ShmkitException e = assertThrows(ShmkitException.class, () -> SpaceQuota.parse("lots", "SHMKIT_MAX_SPACE_BYTES"));
        assertTrue(e.getMessage().contains("SHMKIT_MAX_SPACE_BYTES='lots'"), e.getMessage());
        String old = System.getProperty(SpaceQuota.MAX_SPACE_PROPERTY);
        System.setProperty(SpaceQuota.MAX_SPACE_PROPERTY, "3m");
        try {
            assertEquals(3 * MB, SpaceQuota.configuredCap());
            assertEquals(3 * MB, SpaceOptions.named("x").maxSpaceBytes());
        } finally {
            if (old == null) {
                System.clearProperty(SpaceQuota.MAX_SPACE_PROPERTY);
            } else {
                System.setProperty(SpaceQuota.MAX_SPACE_PROPERTY, old);
            }
        }
    }
}
