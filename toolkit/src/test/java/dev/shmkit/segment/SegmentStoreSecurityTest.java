package dev.shmkit.segment;

import dev.shmkit.ShmkitException;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2 in one process: every level of a space is created 0700 and refused on open unless
 * it is a real directory of this uid without group/other bits; the lock file is 0600 and never
 * opened through a link. The multi-user side is {@code faults.SpaceDirectorySecurityIT}.
 */
@ExtendWith(SpaceDirExtension.class)
class SegmentStoreSecurityTest {
    /** The uid of nobody on Debian; any uid other than this process's would do. */
    private static final int OTHER_UID = 65534;

    @Test
    void shouldCreateEveryLevelPrivateAndTheLockFile0600(Path dir) throws IOException {
        Path base = dir.resolve("base");
        SegmentStore store = new SegmentStore(base.resolve("s"), base);
        Path pools = store.privateDirectory(".pools");
        for (Path p : List.of(base, store.directory(), store.temporaryDirectory(), store.directory().resolve(".retired"), pools)) {
            assertEquals("rwx------", mode(p), p.toString());
            assertEquals(PrivatePaths.currentUid(), ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
        }
        assertEquals("rw-------", mode(store.directory().resolve(".lock")));
        SegmentFile f = store.publish("x", SegmentKind.OBJECT, file -> Files.write(file, new byte[] {1}));
        assertEquals("r--------", mode(f.path()), "published: read-only, for its owner too");
        try (WritableSegment w = store.create("d", SegmentKind.RESULT, 100)) {
            assertEquals("rw-------", mode(w.path()));
        }
        new SegmentStore(base.resolve("s"), base); // opening again accepts what it made
        store.remove("x");
    }

    @Test
    void shouldRefuseAWorldWritableSpaceDirectoryAndWriteNothing(Path dir) throws IOException {
        Path space = Files.createDirectory(dir.resolve("s"));
        Files.setPosixFilePermissions(space, PosixFilePermissions.fromString("rwxrwxrwx"));
        ShmkitException e = assertThrows(ShmkitException.class, () -> new SegmentStore(space));
        assertTrue(e.getMessage().startsWith("refusing space directory " + space + ": mode=0777 gives group/other access"), e.getMessage());
        assertTrue(e.getMessage().contains("another local user could read, plant or redirect"), e.getMessage());
        assertTrue(e.getMessage().contains("set SHMKIT_DIR to a directory you own with mode 0700"), e.getMessage());
        assertEquals(List.of(), list(space));
        Files.setPosixFilePermissions(space, PosixFilePermissions.fromString("rwxr-x---")); // group bits alone are refused too
        assertThrows(ShmkitException.class, () -> new SegmentStore(space));
    }

    @Test
    void shouldRefuseASymlinkedBaseAndWriteNothingWhereItPoints(Path dir) throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path base = Files.createSymbolicLink(dir.resolve("base"), elsewhere);
        ShmkitException e = assertThrows(ShmkitException.class, () -> new SegmentStore(base.resolve("s"), base));
        assertTrue(e.getMessage().startsWith("refusing space base directory " + base + ": it is a symbolic link to " + elsewhere),
                e.getMessage());
        assertEquals(List.of(), list(elsewhere));
    }

    @Test
    void shouldRefuseASymlinkAtAnyLevelBelowTheSpace(Path dir) throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path space = dir.resolve("s");
        new SegmentStore(space);
        Files.delete(space.resolve(".tmp"));
        Files.createSymbolicLink(space.resolve(".tmp"), elsewhere);
        ShmkitException e = assertThrows(ShmkitException.class, () -> new SegmentStore(space));
        assertTrue(e.getMessage().startsWith("refusing space temporary directory " + space.resolve(".tmp") + ": it is a symbolic link"),
                e.getMessage());

        Path space2 = dir.resolve("s2");
        new SegmentStore(space2);
        Files.delete(space2.resolve(".lock"));
        Path target = Files.createFile(elsewhere.resolve("target"));
        Files.createSymbolicLink(space2.resolve(".lock"), target);
        ShmkitException lock = assertThrows(ShmkitException.class, () -> new SegmentStore(space2));
        assertTrue(lock.getMessage().contains("never through a symbolic link"), lock.getMessage());
        assertEquals(0, Files.size(target));
        assertEquals(List.of("target"), list(elsewhere));
        Files.delete(target);
    }

    @Test
    void shouldRefuseASpaceDirectoryOwnedByAnotherUid(Path dir) throws IOException {
        Path space = Files.createDirectory(dir.resolve("s"));
        Files.setPosixFilePermissions(space, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(space, "unix:uid", OTHER_UID, LinkOption.NOFOLLOW_LINKS); // the tests run as root
        ShmkitException e = assertThrows(ShmkitException.class, () -> new SegmentStore(space));
        assertTrue(e.getMessage().startsWith("refusing space directory " + space + ": it belongs to uid=" + OTHER_UID), e.getMessage());
        assertTrue(e.getMessage().contains("this process uid=" + PrivatePaths.currentUid()), e.getMessage());
        assertEquals(List.of(), list(space));
    }

    @Test
    void shouldRefuseAFileWhereADirectoryBelongs(Path dir) throws IOException {
        Path space = Files.createFile(dir.resolve("s"));
        ShmkitException e = assertThrows(ShmkitException.class, () -> new SegmentStore(space));
        assertTrue(e.getMessage().startsWith("refusing space directory " + space + ": it is not a directory (found type=file"),
                e.getMessage());
        Files.delete(space);
    }

    @Test
    void shouldTakeTheUidFromTheProcess() throws IOException {
        Path probe = Files.createTempFile("shmkit-uid-", ".probe");
        try {
            assertEquals(((Number) Files.getAttribute(probe, "unix:uid")).longValue(), PrivatePaths.currentUid());
        } finally {
            Files.delete(probe);
        }
        assertFalse(PrivatePaths.currentUid() < 0);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
