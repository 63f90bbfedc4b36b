package dev.shmkit.pool.local;

import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workers' class-data-sharing archive, end to end in a parent JVM whose class path has the jars
 * first (as {@code ./shmkit} starts it): the first pool makes the archive in the background, private
 * (0700 directory, 0400 file of this uid); the next pool's worker maps it (its {@code /proc/PID/maps}
 * names the file); a corrupt, truncated or stale archive (a class path jar changed since) still gives
 * a working pool.
 */
@ExtendWith(SpaceDirExtension.class)
class WorkerArchiveIT {
    /** A niced training on a busy 2-core machine takes seconds to tens of seconds. */
    private static final long MADE_WITHIN_MS = 240_000;

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void shouldMakeAPrivateArchiveThatTheNextWorkerMaps(Path space) throws Exception {
        Path tmp = Files.createTempDirectory("shmkit-archive-it-");
        Path dir = tmp.resolve("cds");
        try (ChildJvm parent = probe(space, dir, classpath(tmp, false))) {
            parent.send("start");
            long first = pid(parent.expect("pid ", 120));
            assertFalse(maps(first).contains(dir.toString()), "no archive before it is made");
            Path archive = awaitArchive(dir);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive, LinkOption.NOFOLLOW_LINKS)));
            assertEquals(PrivatePaths.currentUid(), ((Number) Files.getAttribute(archive, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
            assertTrue(archive.getFileName().toString().endsWith("-" + Files.size(archive) + ".jsa"), archive.toString());
            restart(parent);
            long second = pid(parent.expect("pid ", 120));
            assertTrue(maps(second).contains(archive.toString()), "the worker maps " + archive + ":\n" + maps(second));
            job(parent);
            closeAndExit(parent, dir);
        } finally {
            deleteTree(tmp);
        }
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void shouldStartWorkingWorkersFromACorruptTruncatedOrStaleArchive(Path space) throws Exception {
        Path tmp = Files.createTempDirectory("shmkit-archive-it-");
        Path dir = tmp.resolve("cds");
        try (ChildJvm parent = probe(space, dir, classpath(tmp, true))) {
            parent.send("start");
            parent.expect("pid ", 120);
            Path archive = awaitArchive(dir);
            byte[] good = Files.readAllBytes(archive);

            // corrupt: same size (so shmkit passes it on), random bytes: the JVM refuses it and starts without it
            byte[] junk = new byte[good.length];
            new Random(1).nextBytes(junk);
            rewrite(archive, junk);
            restart(parent);
            long pid = pid(parent.expect("pid ", 120));
            assertTrue(cmdline(pid).contains("-XX:SharedArchiveFile=" + archive), "the JVM was given it: " + cmdline(pid));
            assertFalse(maps(pid).contains(archive.toString()), "a corrupt archive stays unmapped");
            job(parent);

            // truncated: its size no longer the one in its name, so shmkit does not pass it on (the JVM would crash on it)
            rewrite(archive, java.util.Arrays.copyOf(good, good.length / 2));
            restart(parent);
            pid = pid(parent.expect("pid ", 120));
            assertFalse(cmdline(pid).contains("SharedArchiveFile"), "a truncated archive is not passed on: " + cmdline(pid));
            job(parent);

            // stale: a class path jar changed since the archive was made; planted under the new key, the JVM refuses it
            rewrite(archive, good);
            Path jar = tmp.resolve("jars").resolve("minlog.jar");
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
            parent.send("key");
            String key = parent.expect("key ", 60).substring(4);
            Path planted = dir.resolve(key + "-" + good.length + ".jsa");
            Files.move(archive, planted, StandardCopyOption.ATOMIC_MOVE);
            restart(parent);
            pid = pid(parent.expect("pid ", 120));
            assertTrue(cmdline(pid).contains("-XX:SharedArchiveFile=" + planted), "the JVM was given it: " + cmdline(pid));
            assertFalse(maps(pid).contains(planted.toString()), "a stale archive stays unmapped");
            job(parent);
            closeAndExit(parent, dir);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Closes the probe's pool, ends the probe and checks that no archive-making JVM is left. */
    private static void closeAndExit(ChildJvm parent, Path dir) throws Exception {
        parent.send("close");
        parent.expect("closed", 60);
        parent.send("exit");
        assertEquals(0, parent.waitFor(60));
        assertNoTrainingLeft(dir);
    }

    private static ChildJvm probe(Path space, Path dir, String classpath) throws IOException {
        return ChildJvm.startWithClasspath(List.of("-Dshmkit.dir=" + space, "-D" + WorkerArchive.PROPERTY + "=" + dir),
                classpath, ArchiveProbe.class);
    }

    /**
     * This JVM's class path with its jars first and its directories last (as {@code ./shmkit} orders it); the
     * toolkit's classes from its jar. With {@code copyMinlog}, the minlog jar (which Kryo loads) is a copy under
     * {@code tmp}, so the test can change it.
     */
    private static String classpath(Path tmp, boolean copyMinlog) throws IOException {
        List<String> jars = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                jars.add(toolkitJar(p.getParent()).toString());
            } else if (Files.isDirectory(p)) {
                dirs.add(e);
            } else if (copyMinlog && p.getFileName().toString().startsWith("minlog")) {
                Path copy = Files.createDirectories(tmp.resolve("jars")).resolve("minlog.jar");
                Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
                jars.add(copy.toString());
            } else {
                jars.add(e);
            }
        }
        assertTrue(jars.stream().anyMatch(j -> j.contains("shmkit-toolkit")), "the toolkit jar is built (mvn package): " + jars);
        assertTrue(!copyMinlog || jars.stream().anyMatch(j -> j.endsWith("minlog.jar")), "minlog is on the class path: " + jars);
        jars.addAll(dirs);
        return String.join(File.pathSeparator, jars);
    }

    private static Path toolkitJar(Path target) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "shmkit-toolkit-*.jar")) {
            for (Path p : s) {
                if (!p.getFileName().toString().endsWith("-tests.jar")) {
                    return p;
                }
            }
        }
        throw new AssertionError("no toolkit jar in " + target + ": run mvn package first");
    }

    private static Path awaitArchive(Path dir) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + MADE_WITHIN_MS;
        while (System.currentTimeMillis() < end) {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jsa")) {
                    for (Path p : s) {
                        return p;
                    }
                }
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + WorkerArchive.FAILED)) {
                    for (Path p : s) {
                        throw new AssertionError("making the archive failed: " + Files.readString(p));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no archive in " + dir + " after " + MADE_WITHIN_MS + " ms");
    }

    private static void restart(ChildJvm parent) throws IOException, InterruptedException {
        parent.send("close");
        parent.expect("closed", 60);
        parent.send("start");
    }

    private static void job(ChildJvm parent) throws IOException, InterruptedException {
        parent.send("job");
        assertEquals("job [1, 4, 9]", parent.expect("job ", 120));
    }

    private static long pid(String line) {
        return Long.parseLong(line.substring(4).trim());
    }

    private static String maps(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }

    private static String cmdline(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    }

    private static void rewrite(Path archive, byte[] bytes) throws IOException {
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        Files.write(archive, bytes);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--------"));
    }

    /** No JVM making an archive in {@code dir} is left running (the making ends by itself). */
    private static void assertNoTrainingLeft(Path dir) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString()))
                    .orElse(false)).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < end);
        assertNotNull(null, "archive-making JVMs left running: " + left);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwx------" : "rw-------"));
                Files.delete(f);
            }
        }
    }
}
