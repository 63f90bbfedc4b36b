package dev.shmkit.pool;

import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parent killed while it holds a result segment: the next pool's start sweeps its pool directory, results included. */
@ExtendWith(SpaceDirExtension.class)
class ResultParentIT {
    @Test
    @Timeout(240)
    void shouldSweepTheResultSegmentsOfAKilledParent(Path dir) throws Exception {
        Path file;
        List<Long> workers;
        try (ChildJvm parent = ChildJvm.start(List.of("-D" + SpaceOptions.DIR_PROPERTY + "=" + dir), ResultParentChild.class)) {
            String[] held = parent.expect("held ", 180).split(" ");
            file = Path.of(held[1]);
            workers = java.util.Arrays.stream(held).skip(2).map(Long::parseLong).toList();
            assertTrue(file.startsWith(dir.resolve(".pools")), file.toString());
            assertTrue(Files.size(file) >= 8L << 19, "the 4 MiB result's file exists while the parent holds it");
            parent.process().destroyForcibly().waitFor();
        }
        assertTrue(Files.exists(file), "a killed parent cannot remove its own files");
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end
                && workers.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))) {
            Thread.sleep(50);  // orphaned workers notice the parent is gone and exit
        }
        String saved = System.getProperty(SpaceOptions.DIR_PROPERTY);
        System.setProperty(SpaceOptions.DIR_PROPERTY, dir.toString());
        try (WorkerPool next = WorkerPool.start(1)) {  // starting a pool sweeps the pool directories of dead parents
            assertTrue(next.size() == 1);
            assertFalse(Files.exists(file), "the dead parent's result segment was swept");
            assertFalse(Files.exists(file.getParent().getParent()), "with its whole pool directory");
        } finally {
            if (saved == null) {
                System.clearProperty(SpaceOptions.DIR_PROPERTY);
            } else {
                System.setProperty(SpaceOptions.DIR_PROPERTY, saved);
            }
        }
    }
}
