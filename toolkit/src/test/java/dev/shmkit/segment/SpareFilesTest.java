package dev.shmkit.segment;

import dev.shmkit.memory.Mapping;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recycling in one process: a superseded version nobody maps is parked in {@code .spare/} (0600 in a
 * 0700 directory) and the next publish writes into the same inode; a version this process maps is not
 * parked; planted spares (a link, another uid's file, a hard link, group bits) are never written; spares
 * go on remove, sweep, quota; {@code shmkit.space.recycle=false} keeps none. The other-process side is
 * {@code space.RecycleIT}.
 */
@ExtendWith(SpaceDirExtension.class)
class SpareFilesTest {
    /** The uid of nobody on Debian; any uid other than this process's would do (the tests run as root). */
    private static final int OTHER_UID = 65534;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Writes n bytes of {@code fill}, as a writer that overwrites a recycled file must: no truncation to zero. */
    private static SegmentStore.Writer bytes(int n, int fill, List<Long> seenInodes) {
        return f -> {
            seenInodes.add(Processes.inode(f));
            byte[] b = new byte[n];
            Arrays.fill(b, (byte) fill);
            try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(n);
                ch.write(java.nio.ByteBuffer.wrap(b), 0);
            }
        };
    }

    private static long ino(Path p) {
        return Processes.inode(p);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, NOFOLLOW));
    }

    @Test
    void shouldWriteTheNextPublishIntoTheInodeOfAVersionNobodyMaps(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        List<Long> seen = new ArrayList<>();
        SegmentFile v1 = store.publish("big", SegmentKind.TABLE, bytes(8192, 1, seen));
        long ino1 = ino(v1.path());
        store.publish("big", SegmentKind.TABLE, bytes(8192, 2, seen));
        Path spareDir = store.directory().resolve(".spare");
        List<Path> spares = SpareFiles.list(store.directory());
        assertEquals(1, spares.size(), spares.toString());
        assertEquals(ino1, ino(spares.get(0)), "v1 parked with its pages, not unlinked");
        assertEquals("rwx------", mode(spareDir));
        assertEquals("rw-------", mode(spares.get(0)), "a spare is 0600 (sealed versions are 0400)");
        assertEquals(8192, store.spareBytes());
        store.publish("o", SegmentKind.OBJECT, f -> Files.write(f, new byte[] {1}));
        assertEquals(8192, store.spareBytes(), "an object's writer truncates: it takes no spare");
        store.remove("o");
        SegmentFile v3 = store.publish("big", SegmentKind.TABLE, bytes(4096, 3, seen));
        assertEquals(ino1, seen.get(2), "the writer was handed v1's file");
        assertEquals(ino1, ino(v3.path()), "v3 lives in v1's inode");
        assertEquals(4096, Files.size(v3.path()), "cut to the new length");
        byte[] expect = new byte[4096];
        Arrays.fill(expect, (byte) 3);
        assertArrayEquals(expect, Files.readAllBytes(v3.path()));
        assertEquals("r--------", mode(v3.path()), "sealed again once published");
        assertEquals(1, SpareFiles.list(store.directory()).size(), "v2 is the spare now");
        store.remove("big");
        assertEquals(List.of(), SpareFiles.list(store.directory()), "remove gives the spare of its name back");
    }

    @Test
    void shouldNotParkAVersionThisProcessMaps(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        List<Long> seen = new ArrayList<>();
        SegmentFile v1 = store.publish("big", SegmentKind.TABLE, bytes(8192, 1, seen));
        long ino1 = ino(v1.path());
        try (Mapping m = LocalSegmentSource.get().map(v1.id())) {
            SegmentFile v2 = store.publish("big", SegmentKind.TABLE, bytes(8192, 2, seen));
            assertEquals(List.of(), SpareFiles.list(store.directory()), "mapped: retired, not parked");
            SegmentFile v3 = store.publish("big", SegmentKind.TABLE, bytes(8192, 3, seen));
            assertNotEquals(ino1, ino(v3.path()));
            assertEquals(-1L, ino(v2.path()), "v2 was superseded and parked: nobody mapped it");
            assertEquals(1, SpareFiles.list(store.directory()).size());
            assertEquals(0x0101010101010101L, m.readLong(0), "the mapped version keeps its own bytes");
        }
        store.remove("big");
        assertEquals(List.of(), SpareFiles.list(store.directory()));
    }

    @Test
    void shouldNeverWriteIntoAPlantedSpare(Path dir) throws IOException {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        Path spareDir = store.directory().resolve(".spare");
        Path outside = Files.write(dir.resolve("outside"), new byte[] {42});
        Files.createSymbolicLink(spareDir.resolve("a.1.1.spare"), outside);
        Path foreign = Files.write(spareDir.resolve("b.1.2.spare"), new byte[8192]);
        Files.setAttribute(foreign, "unix:uid", OTHER_UID, NOFOLLOW);
        Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rw-------"));
        Path linked = Files.write(spareDir.resolve("c.1.3.spare"), new byte[8192]);
        Files.setPosixFilePermissions(linked, PosixFilePermissions.fromString("rw-------"));
        Path otherName = dir.resolve("hardlink");
        Files.createLink(otherName, linked);
        Path open = Files.write(spareDir.resolve("d.1.4.spare"), new byte[8192]);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        List<Long> planted = List.of(ino(outside), ino(foreign), ino(linked), ino(open));
        List<Long> seen = new ArrayList<>();
        SegmentFile v = store.publish("x", SegmentKind.TABLE, bytes(100, 7, seen));
        assertFalse(planted.contains(ino(v.path())), "a fresh file, none of the planted ones");
        assertEquals(List.of(), SpareFiles.list(store.directory()), "every planted spare unlinked, none written");
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(outside), "the link's target is untouched");
        assertArrayEquals(new byte[8192], Files.readAllBytes(otherName), "the hard-linked file is untouched");
        Files.delete(outside);
        Files.delete(otherName);
        store.remove("x");
    }

    @Test
    void shouldKeepNoSpareFilesWhenRecyclingIsOff(Path dir) throws IOException {
        System.setProperty(SpareFiles.RECYCLE_PROPERTY, "false");
        try {
            SegmentStore store = new SegmentStore(dir.resolve("s"));
            assertFalse(Files.exists(store.directory().resolve(".spare")));
            List<Long> seen = new ArrayList<>();
            store.publish("big", SegmentKind.TABLE, bytes(8192, 1, seen));
            store.publish("big", SegmentKind.TABLE, bytes(8192, 2, seen));
            assertEquals(List.of("big.v2.p" + SegmentStore.PID + ".arrow"), VersionsGivenBackTest.files(store.directory()));
            store.remove("big");
        } finally {
            System.clearProperty(SpareFiles.RECYCLE_PROPERTY);
        }
    }

    @Test
    void shouldSweepTheSparesOfDeadProcessesAndDropTheRest(Path dir) throws Exception {
        SegmentStore store = new SegmentStore(dir.resolve("s"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path orphan = Files.write(store.directory().resolve(".spare").resolve("o." + dead.pid() + ".1.spare"), new byte[4096]);
        List<Long> seen = new ArrayList<>();
        store.publish("a", SegmentKind.TABLE, bytes(4096, 1, seen)); // takes the orphan: a spare is anyone's
        store.publish("a", SegmentKind.TABLE, bytes(4096, 1, seen));
        Files.write(orphan, new byte[4096]);
        assertEquals(2, SpareFiles.list(store.directory()).size());
        SweepReport r = store.sweep();
        assertEquals(1, r.temporaryFilesRemoved(), r.toString());
        assertFalse(Files.exists(orphan));
        assertEquals(1, SpareFiles.list(store.directory()).size(), "this process's spare stays");
        assertEquals(4096, store.dropSpares());
        assertEquals(List.of(), SpareFiles.list(store.directory()));
        store.remove("a");
    }

    @Test
    void shouldDropSparesWhenTheQuotaWouldRefuseThePublish(Path dir) throws IOException {
        Path space = dir.resolve("s");
        new SegmentStore(space);
        Path spareDir = space.resolve(".spare");
        for (String n : List.of("p." + SegmentStore.PID + ".1.spare", "q." + SegmentStore.PID + ".2.spare")) {
            Files.write(spareDir.resolve(n), new byte[8192]);
            Files.setPosixFilePermissions(spareDir.resolve(n), PosixFilePermissions.fromString("rw-------"));
        }
        SegmentStore store = new SegmentStore(space, null, 20480); // 2 spares + 12289 bytes > cap, 12289 alone fits
        List<Long> seen = new ArrayList<>();
        SegmentFile v = store.publish("big", SegmentKind.TABLE, bytes(12289, 5, seen));
        assertEquals(12289, Files.size(v.path()));
        assertEquals(List.of(), SpareFiles.list(space), "the spare it did not take was dropped to fit the cap");
        store.remove("big");
    }
}
