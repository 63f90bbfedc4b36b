package dev.shmkit.pool.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link WorkerArchive} accepts: its directory, its files, the class paths and flags it archives for. */
class WorkerArchiveTest {
    private static final List<String> FLAGS = List.of("-Dx=1");

    @TempDir
    Path tmp;

    @AfterEach
    void clearSetting() {
        System.clearProperty(WorkerArchive.PROPERTY);
    }

    /** A class path of one jar of this JVM (contents do not matter here). */
    private static String oneJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).findFirst().orElseThrow();
    }

    @Test
    void shouldMakeThePrivateDirectoryAndUseIt() throws Exception {
        Path dir = tmp.resolve("cache").resolve("cds");
        System.setProperty(WorkerArchive.PROPERTY, dir.toString());
        WorkerArchive a = WorkerArchive.of(FLAGS, oneJar());
        assertTrue(a.usable(), String.valueOf(a.why()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertNull(a.installed());
        assertEquals(List.of(), a.launchFlags());
    }

    @Test
    void shouldRefuseAGroupWritableDirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cds"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        System.setProperty(WorkerArchive.PROPERTY, dir.toString());
        WorkerArchive a = WorkerArchive.of(FLAGS, oneJar());
        assertFalse(a.usable());
        assertTrue(a.why().contains("group/other access"), a.why());
    }

    @Test
    void shouldRefuseASymlinkedDirectory() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("cds"), real);
        System.setProperty(WorkerArchive.PROPERTY, link.toString());
        WorkerArchive a = WorkerArchive.of(FLAGS, oneJar());
        assertFalse(a.usable());
        assertTrue(a.why().contains("symbolic link"), a.why());
    }

    @Test
    void shouldBeOffWhenSaidOrWhenTheFlagsChooseSharing() {
        System.setProperty(WorkerArchive.PROPERTY, "off");
        assertFalse(WorkerArchive.of(FLAGS, oneJar()).usable());
        System.setProperty(WorkerArchive.PROPERTY, tmp.resolve("cds").toString());
        WorkerArchive a = WorkerArchive.of(List.of("-Xshare:off"), oneJar());
        assertFalse(a.usable());
        assertTrue(a.why().contains("-Xshare:off"), a.why());
    }

    @Test
    void shouldNotArchiveAClassPathWithADirectoryBeforeAJar() throws Exception {
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        String jar = oneJar();
        assertEquals(classes.toString(), WorkerArchive.directoryBeforeJar(classes + File.pathSeparator + jar));
        assertNull(WorkerArchive.directoryBeforeJar(jar + File.pathSeparator + classes));
        assertNull(WorkerArchive.directoryBeforeJar(empty + File.pathSeparator + jar));
        assertEquals(classes.toString(), WorkerArchive.directoryBeforeJar(jar + File.pathSeparator + classes, 25),
                "Java 25 refuses an archive with a non-empty directory anywhere on the class path");
        assertNull(WorkerArchive.directoryBeforeJar(jar + File.pathSeparator + classes, 17));
        System.setProperty(WorkerArchive.PROPERTY, tmp.resolve("cds").toString());
        WorkerArchive a = WorkerArchive.of(FLAGS, classes + File.pathSeparator + jar);
        assertFalse(a.usable());
        assertTrue(a.why().contains(classes.toString()), a.why());
    }

    @Test
    void shouldKeyOnFlagsClassPathAndItsFiles() throws Exception {
        Path jar = tmp.resolve("a.jar");
        Files.writeString(jar, "one");
        String k = WorkerArchive.key(FLAGS, jar.toString());
        assertEquals(k, WorkerArchive.key(FLAGS, jar.toString()));
        assertNotEquals(k, WorkerArchive.key(List.of("-Dx=2"), jar.toString()));
        Files.writeString(jar, "three");
        assertNotEquals(k, WorkerArchive.key(FLAGS, jar.toString()), "a changed jar is another archive");
    }

    @Test
    void shouldPassOnOnlyAPrivateRegularArchiveOfTheSizeInItsName() throws Exception {
        Path dir = tmp.resolve("cds");
        System.setProperty(WorkerArchive.PROPERTY, dir.toString());
        WorkerArchive a = WorkerArchive.of(FLAGS, oneJar());
        Path good = dir.resolve(a.key() + "-5.jsa");
        Files.write(good, new byte[5]);
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("r--------"));
        assertEquals(good, a.installed());
        assertEquals(List.of("-XX:SharedArchiveFile=" + good), a.launchFlags());

        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("r--r-----"));
        assertNull(a.installed(), "group-readable: another user's group could have planted it");
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("r--------"));

        Path wrongSize = dir.resolve("k-6.jsa");
        Files.write(wrongSize, new byte[5]);
        assertFalse(WorkerArchive.isPrivateArchive(wrongSize), "truncated or grown since it was installed");

        Path link = dir.resolve("l-5.jsa");
        Files.createSymbolicLink(link, good);
        assertFalse(WorkerArchive.isPrivateArchive(link), "a link is never followed");
    }

    @Test
    void shouldKeepTheNewestArchivesWhenOneIsInstalled() throws Exception {
        int n = WorkerArchiveTrainer.KEEP + 2;
        for (int i = 0; i < n; i++) {
            Path a = Files.write(tmp.resolve("k" + i + "-1.jsa"), new byte[1]);
            Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
            Files.write(tmp.resolve("k" + i + WorkerArchiveTrainer.LOCK), new byte[0]);
        }
        WorkerArchiveTrainer.prune(tmp);
        for (int i = 0; i < n; i++) {
            boolean kept = i >= n - WorkerArchiveTrainer.KEEP;
            assertEquals(kept, Files.exists(tmp.resolve("k" + i + "-1.jsa")), "archive " + i);
            assertEquals(kept, Files.exists(tmp.resolve("k" + i + WorkerArchiveTrainer.LOCK)), "lock " + i);
        }
    }

    @Test
    void shouldKeepAnArchiveInUseWhenNewerOnesAreMade() throws Exception {
        Path dir = tmp.resolve("cds");
        System.setProperty(WorkerArchive.PROPERTY, dir.toString());
        WorkerArchive inUse = WorkerArchive.of(FLAGS, oneJar());
        Path used = Files.write(dir.resolve(inUse.key() + "-1" + WorkerArchive.SUFFIX), new byte[1]);
        Files.setPosixFilePermissions(used, PosixFilePermissions.fromString("r--------"));
        Files.setLastModifiedTime(used, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        for (int i = 0; i < WorkerArchiveTrainer.KEEP; i++) {
            Path a = Files.write(dir.resolve("k" + i + "-1.jsa"), new byte[1]);
            Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(2_000_000L * (i + 1)));
        }
        // a pool of the first command starts workers: the oldest archive made is the most recently used
        assertEquals(List.of("-XX:SharedArchiveFile=" + used), inUse.launchFlags());
        WorkerArchiveTrainer.prune(dir);
        assertTrue(Files.exists(used), "the archive workers just mapped is kept");
        assertFalse(Files.exists(dir.resolve("k0-1.jsa")), "the least recently used one goes");
    }
}
