package dev.shmkit.space;

import dev.shmkit.memory.TmpfsMount;
import dev.shmkit.segment.SegmentChild;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.ArrowTableWriter;
import dev.shmkit.table.SharedTable;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Republish recycles the file of a version nobody maps (same inode, pages kept), never one another JVM
 * maps (that JVM keeps reading the old bytes); spares are given back on close, remove and a full device,
 * measured as free bytes of a tmpfs mounted for the test.
 */
@ExtendWith(SpaceDirExtension.class)
class RecycleIT {
    private static final int ROWS = 1_250_000; // x and tag doubles: 20 MB

    private static long ino(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    /** Inodes of every file of the space that a new version could be written into (published and spare). */
    private static Set<Long> publishedAndSpareInodes(Path space) throws IOException {
        Set<Long> out = new HashSet<>();
        for (Path d : List.of(space, space.resolve(".spare"))) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList()) {
                    out.add(ino(p));
                }
            }
        }
        return out;
    }

    private static long spares(Path space) throws IOException {
        try (Stream<Path> s = Files.list(space.resolve(".spare"))) {
            return s.count();
        }
    }

    @Test
    void shouldReuseTheInodeOnlyWhenNoProcessMapsTheOldVersion(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            SegmentFile v1 = publish(space, 1);
            long ino1 = ino(v1.path());
            publish(space, 2); // v1 is still pinned by this space while v2 goes in place: retired, then parked
            assertEquals(1, spares(spaceDir), "v1 parked once unpinned");
            SegmentFile v3 = publish(space, 3);
            assertEquals(ino1, ino(v3.path()), "v3 written into v1's file: nobody mapped it");
            try (ChildJvm holder = ChildJvm.start(SegmentChild.class, "holdsum", spaceDir.toString(), "big",
                    Long.toString(v3.version()))) {
                assertEquals("mapped rows " + ROWS, holder.expect("mapped", 60));
                holder.send("sum");
                assertEquals("sum " + 3.0 * ROWS, holder.expect("sum", 30));
                SegmentFile v6 = null;
                for (int tag = 4; tag <= 6; tag++) {
                    v6 = publish(space, tag);
                    assertTrue(ino(v6.path()) != ino1, "v" + tag + " not written into the file another JVM maps");
                }
                assertFalse(publishedAndSpareInodes(spaceDir).contains(ino1), "the held version is neither published nor spare");
                assertTrue(Files.exists(spaceDir.resolve(".retired").resolve(v3.path().getFileName())), "v3 retired, kept");
                holder.send("sum");
                assertEquals("sum " + 3.0 * ROWS, holder.expect("sum", 30), "the other JVM still reads the old bytes");
                try (SharedTable now = space.table("big")) {
                    assertEquals(v6.id(), now.id());
                    assertEquals(6.0 * ROWS, now.doubleColumn("tag").sum(), "the new version reads the new bytes");
                }
                holder.send("exit");
                assertEquals("unmapped", holder.expect("unmapped", 30));
                assertEquals(0, holder.waitFor(30));
            }
            assertEquals(0, ProcResources.mapsUnder(ProcResources.self(), spaceDir.resolve(".spare")).size());
        }
        assertEquals(0, spares(spaceDir), "close gives the spares back");
    }

    private static SegmentFile publish(SharedSpace space, double tag) {
        try (SharedTable t = space.publish("big", SpaceChild.ramp(ROWS, tag))) {
            return space.store().current("big").orElseThrow();
        }
    }

    @Test
    void shouldGiveSparesBackOnCloseRemoveAndAFullDevice(Path dir) throws Exception {
        Path device = dir.resolve("tmpfs");
        try (TmpfsMount mount = TmpfsMount.mount(device, 64)) {
            if (mount == null) {
                throw new AssertionError("this test needs a private 64 MiB tmpfs (mount -t tmpfs -o size=64m); mounting was refused");
            }
            Path spaceDir = device.resolve("s");
            long before = ProcResources.usableBytes(device);
            long table = 2L * 8 * ROWS; // 20 MB (plus a few KiB of Arrow metadata)
            SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir));
            publish(space, 1);
            publish(space, 2);
            assertEquals(1, spares(spaceDir));
            assertTrue(ProcResources.usableBytes(device) < before - 2 * table + (1 << 20), "a version and a spare held");
            space.close();
            assertEquals(before, ProcResources.usableBytes(device), 64 * 1024, "close gives version and spare back");

            space = SharedSpace.open(SpaceOptions.directory(spaceDir));
            publish(space, 1);
            publish(space, 2);
            assertTrue(space.remove("big"));
            assertEquals(0, spares(spaceDir));
            assertEquals(before, ProcResources.usableBytes(device), 64 * 1024, "remove gives version and spare back");

            // Full device: a second spare (as a worker parks one when it unmaps the last mapping of a retired
            // version) and a version fill 60 of 64 MiB; a 30 MB publish fits only once the spares are gone.
            publish(space, 1);
            publish(space, 2);
            Path planted = spaceDir.resolve(".spare").resolve("other." + ProcessHandle.current().pid() + ".99.spare");
            Files.write(planted, new byte[(int) table]);
            Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
            assertTrue(ProcResources.usableBytes(device) < 30_000_000 - 20_000_000, "free=" + ProcResources.usableBytes(device));
            // through the store itself: SharedSpace's retry after a collection (DroppedViews) would take the other spare
            Table wide = SpaceChild.ramp(30_000_000 / 16, 7);
            SegmentFile w = space.store().publish("wide", SegmentKind.TABLE, tmp -> ArrowTableWriter.write(wide, tmp));
            try (SharedTable t = SharedTable.attach(LocalSegmentSource.get(), w.id())) {
                assertEquals(7.0 * (30_000_000 / 16), t.doubleColumn("tag").sum());
            }
            assertEquals(0, spares(spaceDir), "the spares were given back to make room");
            space.store().remove("wide");
            space.close();
            assertEquals(before, ProcResources.usableBytes(device), 64 * 1024);
        }
    }
}
