package dev.shmkit.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process's physical memory by kind, from {@code /proc/PID/smaps_rollup} (Linux 4.14+): PSS of
 * shared memory (tmpfs/shm pages, i.e. mapped segments under /dev/shm), of private anonymous memory
 * (heap, stacks) and of file-backed mappings (libraries, and segments on a disk directory).
 *
 * @param pid        process id
 * @param shmemBytes {@code Pss_Shmem}
 * @param anonBytes  {@code Pss_Anon}
 * @param fileBytes  {@code Pss_File}
 */
public record ProcessMemory(long pid, long shmemBytes, long anonBytes, long fileBytes) {
    /** Reads process {@code pid} now, or returns null when it is gone or not ours to read. */
    public static ProcessMemory of(long pid) {
        long shmem = -1;
        long anon = -1;
        long file = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Pss_Shmem:")) {
                    shmem = Smaps.kiloBytes(line);
                } else if (line.startsWith("Pss_Anon:")) {
                    anon = Smaps.kiloBytes(line);
                } else if (line.startsWith("Pss_File:")) {
                    file = Smaps.kiloBytes(line);
                }
            }
        } catch (IOException | SecurityException | UncheckedIOException e) {
            return null;
        }
        return shmem < 0 || anon < 0 ? null : new ProcessMemory(pid, shmem, anon, Math.max(file, 0));
    }
}
