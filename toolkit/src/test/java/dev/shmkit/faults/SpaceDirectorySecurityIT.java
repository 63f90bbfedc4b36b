package dev.shmkit.faults;

import dev.shmkit.JvmFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2, end to end: a base or space directory that another user prepared (world-writable,
 * a symbolic link, owned by another uid) is refused by a real shmkit process with a message naming
 * the path, what was found and the fix, and nothing is written into it; a fresh space is private at
 * every level even under umask 000. The victim runs as root and, where the machine allows switching
 * uid ({@code setpriv}, else {@code runuser}), also as {@code nobody} against directories root
 * planted. Each child is bounded in time.
 */
class SpaceDirectorySecurityIT {
    /** A child opens a space and publishes two small entries in about 2 s; 60 s is far past a slow machine. */
    private static final int SECONDS = 60;
    private static final String VICTIM = "nobody";
    /** The uid of {@code nobody} on Debian/Ubuntu; read from the system below, this is only the fallback. */
    private static final long NOBODY_UID = 65534;

    private static Path root;
    private static Path classPathCopy;
    private static List<String> asVictim;
    private static String noVictimReason;

    @BeforeAll
    static void setUp() throws Exception {
        Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        root = Files.createTempDirectory(shm, "shmkit-sec-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x")); // traversable by the victim
        asVictim = victimPrefix();
        if (asVictim != null) {
            classPathCopy = Files.createTempDirectory("shmkit-sec-cp-");
            Files.setPosixFilePermissions(classPathCopy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        deleteTree(root);
        deleteTree(classPathCopy);
    }

    @Test
    void shouldRefuseAWorldWritableBase() throws Exception {
        Path base = plantedDirectory("open", "rwxrwxrwx");
        String out = refused(asRoot(base), base);
        assertTrue(out.contains("mode=0777") && out.contains("group/other"), out);
        if (victimCanRun()) {
            String v = refused(asVictim(base), base);
            assertTrue(v.contains("belongs to uid=0"), v); // root planted it for the victim
        }
    }

    @Test
    void shouldRefuseASymlinkedBase() throws Exception {
        Path planted = plantedDirectory("planted", "rwxrwxrwx");
        Path base = root.resolve("linked");
        Files.createSymbolicLink(base, planted);
        String out = refused(asRoot(base), base);
        assertTrue(out.contains("symbolic link to " + planted), out);
        assertEquals(List.of(), contents(planted), "nothing may be written where the link points");
        if (victimCanRun()) {
            String v = refused(asVictim(base), base);
            assertTrue(v.contains("symbolic link"), v);
            assertEquals(List.of(), contents(planted));
        }
    }

    @Test
    void shouldRefuseABaseOrSpaceOwnedByAnotherUid() throws Exception {
        Path foreign = plantedDirectory("foreign", "rwx------");
        Files.setAttribute(foreign, "unix:uid", (int) nobodyUid(), LinkOption.NOFOLLOW_LINKS);
        String out = refused(asRoot(foreign), foreign);
        assertTrue(out.contains("belongs to uid=" + nobodyUid()), out);

        // a deeper level: the base is root's own, the space directory in it belongs to nobody
        Path base = plantedDirectory("mine", "rwx------");
        Path space = Files.createDirectory(base.resolve("default"));
        Files.setPosixFilePermissions(space, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(space, "unix:uid", (int) nobodyUid(), LinkOption.NOFOLLOW_LINKS);
        FreshJvm.Result r = asRoot(base);
        assertEquals(3, r.exit(), r.output());
        assertTrue(r.output().contains("refusing space directory " + space) && r.output().contains("uid=" + nobodyUid()), r.output());
        assertEquals(List.of(), contents(space));

        if (victimCanRun()) {
            Path rootOwned = plantedDirectory("root-owned", "rwxr-xr-x");
            String v = refused(asVictim(rootOwned), rootOwned);
            assertTrue(v.contains("belongs to uid=0"), v);
        }
    }

    @Test
    void shouldMakeAFreshSpacePrivateAtEveryLevelEvenUnderUmask000() throws Exception {
        Path base = root.resolve("fresh-root").resolve("base");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\""));
        cmd.addAll(javaCommand(System.getProperty("java.class.path"), base));
        FreshJvm.Result r = FreshJvm.runCommand(root, SECONDS, cmd);
        assertPrivate(r, 0);
        if (victimCanRun()) {
            Path shared = Files.createDirectory(root.resolve("sticky")); // like /dev/shm: anyone may create in it
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            assertPrivate(asVictim(shared.resolve("base")), nobodyUid());
        } else {
            System.out.println("SpaceDirectorySecurityIT: victim side not run: " + noVictimReason);
        }
    }

    /**
     * Every directory 0700, every published segment 0400 (its owner cannot open it for writing unless it
     * is root), every other file 0600, all owned by {@code uid}, and each kind of file present.
     */
    private static void assertPrivate(FreshJvm.Result r, long uid) {
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("sum=499500.0"), r.output());
        List<String> paths = r.output().lines().filter(l -> l.startsWith("PATH ")).toList();
        for (String want : List.of("PATH  dir", "PATH default dir", "PATH default/.tmp dir", "PATH default/.retired dir",
                "PATH default/.pools dir", "PATH default/.lock file", "PATH default/t.v1.", "PATH default/o.v1.", "PATH default/.tmp/d.v1.")) {
            assertTrue(paths.stream().anyMatch(p -> p.startsWith(want)), want + " missing in " + paths);
        }
        System.out.println("SpaceDirectorySecurityIT: uid=" + uid + " " + paths);
        for (String p : paths) {
            assertTrue(p.contains(" uid=" + uid + " "), p);
            boolean published = p.startsWith("PATH default/t.v1.") || p.startsWith("PATH default/o.v1.");
            assertTrue(p.contains(" dir ") ? p.endsWith("mode=0700")
                    : p.contains(" file ") && p.endsWith(published ? "mode=0400" : "mode=0600"), p);
        }
        assertTrue(r.output().contains(uid == 0 ? "WRITE-OPEN allowed" : "WRITE-OPEN refused java.nio.file.AccessDeniedException"),
                r.output());
    }

    private static String refused(FreshJvm.Result r, Path base) throws IOException {
        assertEquals(3, r.exit(), r.output());
        String out = r.output();
        out.lines().filter(l -> l.startsWith("REFUSED")).forEach(l -> System.out.println("SpaceDirectorySecurityIT: " + l));
        assertTrue(out.contains("REFUSED refusing space base directory " + base), out);
        assertTrue(out.contains("another local user could read, plant or redirect"), out);
        assertTrue(out.contains("set SHMKIT_DIR to a directory you own with mode 0700"), out);
        if (!Files.isSymbolicLink(base)) {
            assertEquals(List.of(), contents(base), "nothing may be written into a refused directory");
        }
        return out;
    }

    private static FreshJvm.Result asRoot(Path base) throws Exception {
        return FreshJvm.runCommand(root, SECONDS, javaCommand(System.getProperty("java.class.path"), base));
    }

    private static FreshJvm.Result asVictim(Path base) throws Exception {
        List<String> cmd = new ArrayList<>(asVictim);
        cmd.addAll(javaCommand(victimClassPath(), base));
        return FreshJvm.runCommand(root, SECONDS, cmd);
    }

    private static List<String> javaCommand(String classPath, Path base) {
        List<String> cmd = new ArrayList<>();
        cmd.add(FreshJvm.javaCommand());
        cmd.addAll(JvmFlags.forCurrentRuntime());
        cmd.add("-Dshmkit.dir=" + base);
        cmd.add("-Dshmkit.space=default");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(SecurityChild.class.getName());
        return cmd;
    }

    private static Path plantedDirectory(String name, String mode) throws IOException {
        Path d = Files.createDirectory(root.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode)); // chmod: the umask does not apply
        return d;
    }

    private static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean victimCanRun() {
        return asVictim != null;
    }

    /** How to run a command as {@code nobody}: setpriv, else runuser; null (with the reason kept) when neither works. */
    private static List<String> victimPrefix() throws Exception {
        List<List<String>> candidates = List.of(
                List.of("setpriv", "--reuid=" + VICTIM, "--regid=nogroup", "--clear-groups"),
                List.of("runuser", "-u", VICTIM, "--"));
        StringBuilder why = new StringBuilder();
        for (List<String> prefix : candidates) {
            List<String> probe = new ArrayList<>(prefix);
            probe.addAll(List.of("id", "-u"));
            try {
                FreshJvm.Result r = FreshJvm.runCommand(Path.of("/"), 20, probe);
                if (r.exit() == 0 && r.output().trim().equals(Long.toString(nobodyUid()))) {
                    return prefix;
                }
                why.append(String.join(" ", probe)).append(" -> exit=").append(r.exit()).append(' ').append(r.output().trim()).append("; ");
            } catch (IOException e) {
                why.append(prefix.get(0)).append(": ").append(e.getMessage()).append("; ");
            }
        }
        noVictimReason = "cannot run a process as " + VICTIM + ": " + why;
        System.out.println("SpaceDirectorySecurityIT: " + noVictimReason + " (root-side checks still run)");
        return null;
    }

    private static long nobodyUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[0].equals(VICTIM)) {
                    return Long.parseLong(f[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the usual uid
        }
        return NOBODY_UID;
    }

    /** This JVM's class path copied where {@code nobody} can read it (the Maven repository under /root is private). */
    private static String victimClassPath() throws IOException {
        List<String> out = new ArrayList<>();
        String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
        for (int i = 0; i < entries.length; i++) {
            Path from = Path.of(entries[i]);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = classPathCopy.resolve(i + "-" + from.getFileName());
            if (!Files.exists(to)) {
                copyReadable(from, to);
            }
            out.add(to.toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
