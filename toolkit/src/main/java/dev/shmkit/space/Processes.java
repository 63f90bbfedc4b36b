package dev.shmkit.space;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Which processes are alive and which files live processes map (Linux {@code /proc}). */
final class Processes {
    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The subset of {@code paths} that some live process maps, by reading every
     * {@code /proc/<pid>/maps} we may read. Without {@code /proc} nothing is known to be
     * mapped; unlinking a mapped file is safe on POSIX anyway, the mapper keeps its pages.
     */
    static Set<String> mappedAmong(Set<String> paths) {
        Set<String> mapped = new HashSet<>();
        if (paths.isEmpty() || !Files.isDirectory(PROC)) {
            return mapped;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : procs) {
                try {
                    for (String line : Files.readAllLines(p.resolve("maps"))) {
                        int slash = line.indexOf('/');
                        if (slash >= 0 && paths.contains(line.substring(slash))) {
                            mapped.add(line.substring(slash));
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
}
