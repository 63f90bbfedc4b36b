package dev.shmkit.space;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.memory.Reservation;
import dev.shmkit.memory.SpaceFullException;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class FullDeviceTest {

    @Test
    void shouldRefuseATableTooBigForTheDeviceAndLeaveNothing(Path dir) throws Exception {
        Path mountPoint = dir.resolve("small-tmpfs");
        TmpfsMount mount = TmpfsMount.mount(mountPoint, 16);
        if (mount == null) {
            // Mounting refused (not root): the same publish path against a simulated 16 MiB device.
            Reservation.simulateFreeSpaceForTests(mountPoint, 16L << 20);
        }
        try {
            Path spaceDir = mountPoint.resolve("space");
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
                Table big = TableGenerator.rows(4_000_000).doubles(1).generate(); // 32 MB > 16 MiB device
                SpaceFullException e = assertThrows(SpaceFullException.class, () -> space.publish("big", big));
                assertTrue(e.needed() > 32_000_000L, e.getMessage());
                assertTrue(e.free() <= 16L << 20, e.getMessage());
                assertTrue(e.getMessage().contains("needed=") && e.getMessage().contains("free="), e.getMessage());
                try (Stream<Path> s = Files.walk(spaceDir)) {
                    assertEquals(0, s.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().equals(".lock")).count(), "no partial file");
                }
                // The space still works for what fits.
                Table small = TableGenerator.rows(100_000).doubles(1).generate();
                assertEquals(100_000, space.publish("small", small).rowCount());
                if (mount != null) {
                    // The device fills while a writer thread writes a big table (the free-space check said it
                    // fitted): the publish fails with the same exception and leaves nothing.
                    Reservation.simulateFreeSpaceForTests(mountPoint, 1L << 30);
                    try {
                        Table pipelined = TableGenerator.rows(5_000_000).doubles(1).generate(); // 40 MB, written pipelined
                        SpaceFullException late = assertThrows(SpaceFullException.class, () -> space.publish("late", pipelined));
                        assertTrue(late.getMessage().contains("needed="), late.getMessage());
                    } finally {
                        Reservation.simulateFreeSpaceForTests(mountPoint, null);
                    }
                    try (Stream<Path> s = Files.walk(spaceDir)) {
                        assertEquals(java.util.List.of("small"), s.filter(Files::isRegularFile)
                                .map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock"))
                                .map(n -> n.substring(0, n.indexOf('.') < 0 ? n.length() : n.indexOf('.'))).toList(),
                                "only the small table's file after the failed pipelined write");
                    }
                    // On the real device, filling it makes the next publish fail cleanly too.
                    Table medium = TableGenerator.rows(1_500_000).doubles(1).generate(); // 12 MB
                    space.publish("m1", medium);
                    assertThrows(SpaceFullException.class, () -> space.publish("m2", medium));
                }
            }
        } finally {
            if (mount != null) {
                mount.close();
            } else {
                Reservation.simulateFreeSpaceForTests(mountPoint, null);
            }
        }
    }
}
