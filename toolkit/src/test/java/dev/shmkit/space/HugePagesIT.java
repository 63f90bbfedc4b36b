package dev.shmkit.space;

import dev.shmkit.array.SharedLongArray;
import dev.shmkit.data.TableGenerator;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.segment.SegmentChild;
import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.OutputColumn;
import dev.shmkit.table.OutputRows;
import dev.shmkit.table.OutputSchema;
import dev.shmkit.table.OutputTable;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A space on a tmpfs mounted with {@code huge=within_size} (2 MiB pages): detected as such, and a
 * published table, a shared array and an output table there are written, sealed to their exact
 * lengths, attached (here and by another JVM) and read back whole, their pages mapped 2 MiB at a
 * time ({@code ShmemPmdMapped}/{@code FilePmdMapped} in {@code /proc/self/smaps}). Where mounting is
 * refused, checks that {@code /dev/shm} is described as its mount line says.
 */
@ExtendWith(SpaceDirExtension.class)
class HugePagesIT {
    private static final int ROWS = 2_000_000; // 4 double columns: 64 MB, 32 huge pages

    @Test
    void shouldPublishAttachAndReadBackOnAHugePageTmpfs(Path dir) throws Exception {
        Path device = dir.resolve("huge");
        TmpfsMount mount = TmpfsMount.mount(device, 512, ",huge=within_size");
        if (mount == null) {
            System.err.println("[HugePagesIT] mount refused: checking what /dev/shm is said to give against its mount line");
            assertDevShmDescribedAsMounted();
            return;
        }
        try {
            Path spaceDir = device.resolve("s");
            Table df = TableGenerator.rows(ROWS).doubles(4).seed(3).generate();
            try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
                DevicePages pages = space.devicePages();
                assertEquals(new DevicePages(device, "tmpfs", "within_size", true), pages, pages.describe());
                assertEquals(DevicePages.HUGE_PAGE, pages.pageBytes());

                try (SharedTable t = space.publish("big", df)) {
                    assertEquals(t.mappedBytes(), Files.size(space.store().current("big").orElseThrow().path()),
                            "cut to the Arrow file's length after the mapped write");
                    for (int c = 0; c < 4; c++) {
                        DoubleColumnView v = t.doubleColumn("x" + c);
                        double[] expected = df.doubleColumn("x" + c).asDoubleArray();
                        for (int i = 0; i < ROWS; i++) {
                            if (Double.doubleToRawLongBits(v.get(i)) != Double.doubleToRawLongBits(expected[i])) {
                                throw new AssertionError("x" + c + "[" + i + "]=" + v.get(i) + " != " + expected[i]);
                            }
                        }
                    }
                    long pmd = pmdMappedKb(t.path());
                    System.err.println("[HugePagesIT] " + pages.describe() + "; table of " + t.mappedBytes()
                            + " bytes: PmdMapped=" + pmd + " kB");
                    assertTrue(pmd >= 16 * 2048, "2 MiB pages mapped: PmdMapped=" + pmd + " kB of "
                            + t.mappedBytes() / 1024 + " kB\n" + smapsOf(t.path()));
                    try (ChildJvm other = ChildJvm.start(SegmentChild.class, "hold", spaceDir.toString(), "big",
                            Long.toString(t.id().version()))) {
                        assertEquals("mapped rows " + ROWS, other.expect("mapped", 60));
                        other.send("exit");
                        assertEquals("unmapped", other.expect("unmapped", 30));
                        other.send("quit");
                        assertEquals(0, other.waitFor(30));
                    }
                }

                int n = 3_000_000; // 24 MB
                try (SharedLongArray a = space.allocateLongs("born", n)) {
                    for (int i = 0; i < n; i++) {
                        a.set(i, 7L * i + 1);
                    }
                    a.publish();
                }
                try (SharedLongArray back = space.array("born", SharedLongArray.class)) {
                    assertEquals(n, back.length());
                    for (int i = 0; i < n; i += 9973) {
                        assertEquals(7L * i + 1, back.get(i), "born[" + i + "]");
                    }
                    assertEquals(7L * (n - 1) + 1, back.get(n - 1));
                }

                int rows = 1_000_000;
                try (OutputTable out = space.createTable("out", OutputSchema.create().doubleColumn("y"), rows)) {
                    try (OutputRows w = out.writer()) {
                        OutputColumn y = w.column("y");
                        for (int i = 0; i < rows; i++) {
                            y.setDouble(i, i * 0.5);
                        }
                    }
                    out.seal();
                    try (SharedTable t = space.table("out")) {
                        assertEquals(out.length(), Files.size(t.path()), "draft allocated in pages, sealed to its length");
                        assertEquals(0.5 * rows * (rows - 1) / 2, t.doubleColumn("y").sum(), 1e-3);
                    }
                }
                long held = ProcResources.usableBytes(device);
                long files = space.store().quota().usedBytes(null);
                long used = 512L * 1024 * 1024 - held;
                assertTrue(used >= files - (8L << 20) && used <= files + (16L << 20),
                        "device use follows the files the quota counts: used=" + used + " files=" + files);
            }
        } finally {
            mount.close();
        }
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(device.toString()), "unmounted");
    }

    private static void assertDevShmDescribedAsMounted() throws IOException {
        DevicePages p = DevicePages.of(Path.of("/dev/shm"));
        String line = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals("/dev/shm")).reduce((a, b) -> b).orElseThrow();
        assertEquals(Path.of("/dev/shm"), p.mountPoint(), p.describe());
        assertEquals("tmpfs", p.fsType(), line);
        String opt = line.contains("huge=") ? line.replaceAll(".*huge=([a-z_]+).*", "$1") : "never";
        assertTrue(p.hugeOption().equals(opt) || p.hugeOption().equals("force") || p.hugeOption().equals("deny"),
                p.describe() + " vs " + line);
    }

    /** ShmemPmdMapped + FilePmdMapped (kB) of this process's mappings of {@code file}. */
    private static long pmdMappedKb(Path file) throws IOException {
        long kb = 0;
        for (String l : smapsOf(file).split("\n")) {
            if (l.startsWith("ShmemPmdMapped:") || l.startsWith("FilePmdMapped:")) {
                kb += Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }

    private static String smapsOf(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        for (String l : lines) {
            if (l.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                in = l.endsWith(file.toString());
            }
            if (in) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }
}
