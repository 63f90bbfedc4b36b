package dev.shmkit.space;

import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.SweepReport;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class WarmupTest {
    @Test
    void shouldWarmUpInTheSpaceTemporaryDirectoryWhereSweepFindsADeadProcessLeftover(Path dir) throws Exception {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        assertTrue(Warmup.file(store, SegmentStore.PID).startsWith(store.temporaryDirectory()));
        long dead = dev.shmkit.segment.SegmentStoreTest.deadPid();
        Path leftover = Warmup.file(store, dead);
        Files.write(leftover, new byte[64]); // a process killed during its warm-up
        SweepReport r = store.sweep();
        assertEquals(1, r.temporaryFilesRemoved(), r.toString());
        assertFalse(Files.exists(leftover));
    }
}
