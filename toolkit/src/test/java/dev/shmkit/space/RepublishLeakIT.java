package dev.shmkit.space;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Republishing a 50 MB table 200 times, attaching it and listing the space after each, keeps this
 * process flat as the operating system sees it: mappings of the space directory, open files, and
 * the device's free bytes (issue 8 measured +1 mapping, +1 fd and +47.7 MB per republish).
 */
@ExtendWith(SpaceDirExtension.class)
class RepublishLeakIT {
    private static final int ROWS = 6_250_000; // one double column: 50 MB
    private static final long TABLE_BYTES = ROWS * 8L;
    private static final int REPUBLISHES = 200;

    @Test
    void shouldStayFlatOver200RepublishesOfA50MbTable(Path dir) throws Exception {
        Path device = dir.resolve("tmpfs");
        TmpfsMount mount = TmpfsMount.mount(device, 512);
        long tolerance = 1L << 20;
        if (mount == null) {
            System.err.println("[RepublishLeakIT] no private tmpfs (mount refused, see above): measuring /dev/shm deltas");
            Files.createDirectories(device);
            tolerance = 40L << 20;
        }
        long self = ProcResources.self();
        Path spaceDir = device.resolve("s");
        try {
            Table table = TableGenerator.rows(ROWS).doubles(1).generate();
            long free0 = ProcResources.usableBytes(device);
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
                space.publish("big", table).close();
                int fds0 = ProcResources.fdCount(self);
                int maxMapped = 0;
                int maxFds = 0;
                long minFree = Long.MAX_VALUE;
                double x0 = table.doubleColumn(0).get(0);
                for (int i = 0; i < REPUBLISHES; i++) {
                    space.publish("big", table).close(); // a dropped view would be unmapped only by the GC

                    try (SharedTable t = space.table("big")) {
                        assertEquals(x0, t.doubleColumn(t.columnNames().get(0)).get(0), 0.0);
                    }
                    assertEquals(1, space.list().size());
                    maxMapped = Math.max(maxMapped, ProcResources.mappedFilesUnder(self, spaceDir).size());
                    maxFds = Math.max(maxFds, ProcResources.fdCount(self));
                    minFree = Math.min(minFree, ProcResources.usableBytes(device));
                }
                long usedAtEnd = free0 - ProcResources.usableBytes(device);
                int fdsAtEnd = ProcResources.fdCount(self);
                System.err.printf("[RepublishLeakIT] %d republishes: mapped files of the space max=%d, fds start=%d max=%d end=%d,"
                                + " device used at end=%.1f MB, max used=%.1f MB (one version=%.1f MB), RSS=%.0f MB, peak RSS=%.0f MB%n",
                        REPUBLISHES, maxMapped, fds0, maxFds, fdsAtEnd, usedAtEnd / 1e6, (free0 - minFree) / 1e6,
                        TABLE_BYTES / 1e6, ProcResources.rssBytes(self) / 1e6, ProcResources.peakRssBytes(self) / 1e6);
                assertTrue(maxMapped <= 2, "mapped files of the space dir: max=" + maxMapped);
                assertTrue(fdsAtEnd <= fds0 + 2, "fds: start=" + fds0 + " end=" + fdsAtEnd);
                assertTrue(maxFds <= fds0 + 8, "fds: start=" + fds0 + " max=" + maxFds);
                long spare = space.store().spareBytes(); // the superseded version kept for the next publish (recycling)
                assertTrue(spare <= TABLE_BYTES + (1 << 16), "one spare at most, no larger than a version: " + spare);
                assertTrue(usedAtEnd <= TABLE_BYTES + spare + tolerance, "device: used at end=" + usedAtEnd + " (one version="
                        + TABLE_BYTES + ", spare=" + spare + ")");
                assertTrue(free0 - minFree <= 3 * TABLE_BYTES + tolerance,
                        "device: at most the current, the one being written and one still mapped; max used=" + (free0 - minFree));
            }
            assertTrue(ProcResources.usableBytes(device) >= free0 - tolerance, "close gives the last version back");
            assertEquals(0, ProcResources.mapsUnder(self, spaceDir).size());
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
                // Views dropped without close, as a notebook cell that ignores publish's result leaves them: each
                // keeps its version mapped (retired) until the GC finds it. The device (512 MiB) holds 9 versions;
                // a full device makes publish collect and retry instead of failing.
                for (int i = 0; i < 30; i++) {
                    space.publish("big", table);
                }
                System.gc();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (ProcResources.mappedFilesUnder(self, spaceDir).size() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, ProcResources.mappedFilesUnder(self, spaceDir).size(), "after a GC only the current version is mapped");
                long spare = space.store().spareBytes();
                assertTrue(spare <= TABLE_BYTES + (1 << 16), "one spare at most: " + spare);
                while (free0 - ProcResources.usableBytes(device) > TABLE_BYTES + spare + tolerance && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the retired file is unlinked right after the cleaner's unmap
                }
                List<String> files;
                try (Stream<Path> st = Files.walk(spaceDir)) {
                    files = st.filter(Files::isRegularFile).map(p -> spaceDir.relativize(p).toString()).toList();
                }
                assertTrue(free0 - ProcResources.usableBytes(device) <= TABLE_BYTES + spare + tolerance,
                        "used=" + (free0 - ProcResources.usableBytes(device)) + " files=" + files);
            }
        } finally {
            if (mount != null) {
                mount.close();
            }
        }
    }
}
