package dev.shmkit.magic;

import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's publish warm-up runs the real path in a throwaway space and leaves nothing behind. */
class PublishWarmUpTest {
    @Test
    void shouldPublishInAThrowawaySpaceAndLeaveNoFileOrMappingBehind(@TempDir Path base) throws IOException {
        Path dir = base.resolve("shmkit-test");
        System.setProperty(SpaceOptions.DIR_PROPERTY, dir.toString());
        PublishWarmUp warmUp = new PublishWarmUp();
        try {
            assertTrue(warmUp.run(), "the warm-up did not run to the end");
            try (Stream<Path> left = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
                List<Path> files = left.filter(p -> !p.equals(dir)).toList();
                assertEquals(List.of(), files, "left behind under " + dir);
            }
            String maps = Files.readString(Path.of("/proc/self/maps"));
            assertFalse(maps.contains(dir.toString()), "a warm-up file is still mapped:\n" + maps);
            warmUp.stop();
            assertFalse(warmUp.run(), "a warm-up ran after stop()");
        } finally {
            System.clearProperty(SpaceOptions.DIR_PROPERTY);
        }
    }
}
