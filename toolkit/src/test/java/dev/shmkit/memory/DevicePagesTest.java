package dev.shmkit.memory;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pages a directory's device gives, read from mountinfo lines as the kernel writes them. */
class DevicePagesTest {
    private static final String ROOT = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw";
    private static final String SHM = "27 22 0:26 / /dev/shm rw,nosuid,nodev shared:4 - tmpfs tmpfs rw,size=24683584k";
    private static final String HUGE = "45 27 0:40 / /dev/shm/fast rw,relatime - tmpfs tmpfs rw,size=2097152k,huge=within_size";

    @Test
    void shouldSayFourKibPagesForATmpfsWithoutHugeOption() {
        DevicePages p = DevicePages.of(Path.of("/dev/shm/shmkit-u/default"), List.of(ROOT, SHM, HUGE), "never");
        assertEquals(new DevicePages(Path.of("/dev/shm"), "tmpfs", "never", false), p);
        assertEquals(4096, p.pageBytes());
        assertEquals("/dev/shm (tmpfs, huge=never): 4 KiB pages", p.describe());
    }

    @Test
    void shouldSayHugePagesForTheDeepestMountHoldingTheDirectory() {
        DevicePages p = DevicePages.of(Path.of("/dev/shm/fast/s"), List.of(ROOT, SHM, HUGE), "never");
        assertEquals(new DevicePages(Path.of("/dev/shm/fast"), "tmpfs", "within_size", true), p);
        assertEquals(2L << 20, p.pageBytes());
    }

    @Test
    void shouldTakeTheLastMountOverTheSamePoint() {
        String over = "50 27 0:41 / /dev/shm rw - tmpfs tmpfs rw,size=1g,huge=always";
        assertTrue(DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, SHM, over), null).huge());
        assertFalse(DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, over, SHM), null).huge());
    }

    @Test
    void shouldSaySmallPagesForHugeAdviseAndFollowTheSystemOverride() {
        String advise = SHM + ",huge=advise";
        DevicePages p = DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, advise), "never");
        assertFalse(p.huge(), "fallocate allocates the pages outside any madvised mapping: " + p.describe());
        assertEquals("advise", p.hugeOption());
        assertEquals("deny", DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, advise), "deny").hugeOption());
        assertFalse(DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, advise), "deny").huge());
        assertTrue(DevicePages.of(Path.of("/dev/shm/x"), List.of(ROOT, SHM), "force").huge());
    }

    @Test
    void shouldSaySmallPagesForOtherFileSystems() {
        DevicePages p = DevicePages.of(Path.of("/home/u"), List.of(ROOT, SHM), "always");
        assertEquals(new DevicePages(Path.of("/"), "ext4", "-", false), p);
        assertEquals("/ (ext4): 4 KiB pages", p.describe());
    }
}
