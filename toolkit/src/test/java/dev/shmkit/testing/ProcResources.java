package dev.shmkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operating system says a process holds, read from {@code /proc}: its mappings and open
 * files under a directory, its fd count and memory, and a device's free bytes. Tests check
 * resources here, never against a counter the code keeps.
 */
public final class ProcResources {
    private ProcResources() {
    }

    /** This process's pid. */
    public static long self() {
        return ProcessHandle.current().pid();
    }

    /** Lines of {@code /proc/<pid>/maps} whose file lies under {@code dir} (unlinked files included, "(deleted)"). */
    public static List<String> mapsUnder(long pid, Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.startsWith(prefix, slash)) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/maps", e);
        }
        return out;
    }

    /** Distinct files under {@code dir} that {@code pid} maps (a file mapped in several pieces counts once per mmap offset 0). */
    public static List<String> mappedFilesUnder(long pid, Path dir) {
        List<String> files = new ArrayList<>();
        for (String line : mapsUnder(pid, dir)) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6 && Long.parseLong(f[2], 16) == 0) {
                files.add(f[5]);
            }
        }
        return files;
    }

    /** Targets of {@code /proc/<pid>/fd/*} that lie under {@code dir}. */
    public static List<String> fdsUnder(long pid, Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> out = new ArrayList<>();
        for (String target : fdTargets(pid)) {
            if (target.startsWith(prefix)) {
                out.add(target);
            }
        }
        return out;
    }

    /** Number of open file descriptors of {@code pid}. */
    public static int fdCount(long pid) {
        return fdTargets(pid).size();
    }

    private static List<String> fdTargets(long pid) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : ds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid + "/fd", e);
        }
        return out;
    }

    /** Usable bytes of the device holding {@code dir}. */
    public static long usableBytes(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat the device of " + dir, e);
        }
    }

    /** Resident set size of {@code pid} in bytes ({@code VmRSS}). */
    public static long rssBytes(long pid) {
        return statusKb(pid, "VmRSS:") * 1024;
    }

    /** Peak resident set size of {@code pid} in bytes ({@code VmHWM}). */
    public static long peakRssBytes(long pid) {
        return statusKb(pid, "VmHWM:") * 1024;
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    /**
     * Waits up to {@code millis} until {@code pid} neither maps nor holds open any file under
     * {@code dir}; returns what is still there (empty when clean).
     */
    public static List<String> awaitReleased(long pid, Path dir, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            List<String> held = new ArrayList<>(mapsUnder(pid, dir));
            fdsUnder(pid, dir).forEach(fd -> held.add("fd -> " + fd));
            if (held.isEmpty() || System.nanoTime() > deadline) {
                return held;
            }
            // A view nobody references is unmapped by a Cleaner once collected (by design): let it run.
            System.gc();
            Thread.sleep(20);
        }
    }
}
