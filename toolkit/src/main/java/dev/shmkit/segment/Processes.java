package dev.shmkit.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Which processes are alive and which files live processes map (Linux {@code /proc}). */
public final class Processes {
    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** Whether process {@code pid} runs. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The subset of {@code inodes} (of files under {@code dir}) that some live process maps, read from
     * every {@code /proc/<pid>/maps} we may read. Matching by inode, not by path, keeps a mapping
     * visible while its file is renamed (into {@code .retired/}) under the reader's feet. Without
     * {@code /proc} nothing is known to be mapped.
     */
    public static Set<Long> mappedAmong(Path dir, Set<Long> inodes) {
        return mappedAmong(dir, inodes, -1);
    }

    /** As {@link #mappedAmong(Path, Set)}, not reading the maps of process {@code ignoredPid}. */
    static Set<Long> mappedAmong(Path dir, Set<Long> inodes, long ignoredPid) {
        Set<Long> mapped = new HashSet<>();
        if (inodes.isEmpty() || !Files.isDirectory(PROC)) {
            return mapped;
        }
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : procs) {
                if (p.getFileName().toString().equals(Long.toString(ignoredPid))) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(p.resolve("maps"))) {
                        int slash = line.indexOf('/');
                        if (slash >= 0 && line.startsWith(prefix, slash)) {
                            Long ino = inodeField(line);
                            if (ino != null && inodes.contains(ino)) {
                                mapped.add(ino);
                            }
                        }
                    }
                } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
                    // exited meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return mapped;
        }
        return mapped;
    }

    /** The inode of {@code file}, or -1 when it is gone. */
    public static long inode(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Fifth field of a maps line: {@code address perms offset dev inode path}. */
    private static Long inodeField(String line) {
        int field = 0;
        int i = 0;
        int n = line.length();
        while (i < n && field < 4) {
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            field++;
        }
        int start = i;
        while (i < n && line.charAt(i) != ' ') {
            i++;
        }
        try {
            return Long.parseLong(line.substring(start, i));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
