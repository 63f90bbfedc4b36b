package dev.shmkit.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Linux {@code /proc/PID/smaps}: one block per mapping, a header line
 * ({@code address perms offset dev inode [path]}) followed by {@code Name:  value kB} lines.
 * Only the blocks whose path lies under a directory are kept, summed per file (by inode): a process
 * that maps one file twice has two blocks, and PSS already divides each page among all its mappings.
 */
final class Smaps {
    /** Suffix the kernel appends to the path of a mapped file that was unlinked. */
    static final String DELETED = " (deleted)";

    private Smaps() {
    }

    /** Resident and proportional bytes of one file in one process, over all of that process's mappings of it. */
    record FileUse(long inode, String path, long rssBytes, long pssBytes, int mappings) {
        FileUse plus(long rss, long pss) {
            return new FileUse(inode, path, rssBytes + rss, pssBytes + pss, mappings + 1);
        }

        /** Whether the file was unlinked (its path ends with {@code " (deleted)"}). */
        boolean deleted() {
            return path.endsWith(DELETED);
        }
    }

    /** The files under {@code prefix} (a directory path ending in '/') mapped by process {@code pid}; empty if unreadable. */
    static List<FileUse> filesUnder(long pid, String prefix) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "smaps"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return List.of(); // exited meanwhile, or not ours to read
        }
        return parse(text, prefix);
    }

    /** As {@link #filesUnder}, over the text of an smaps file. */
    static List<FileUse> parse(String smaps, String prefix) {
        Map<Long, FileUse> byInode = new LinkedHashMap<>();
        FileUse current = null;
        long rss = 0;
        long pss = 0;
        for (String line : smaps.split("\n")) {
            if (isHeader(line)) {
                if (current != null) {
                    add(byInode, current, rss, pss);
                }
                current = headerFile(line, prefix);
                rss = 0;
                pss = 0;
            } else if (current != null) {
                if (line.startsWith("Rss:")) {
                    rss = kiloBytes(line);
                } else if (line.startsWith("Pss:")) {
                    pss = kiloBytes(line);
                }
            }
        }
        if (current != null) {
            add(byInode, current, rss, pss);
        }
        return new ArrayList<>(byInode.values());
    }

    /** The {@code Anonymous:} bytes of process {@code pid} (heap, stacks, malloc: its private memory), or -1. */
    static long anonymousBytes(long pid) {
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            for (String line : Files.readAllLines(rollup, StandardCharsets.UTF_8)) {
                if (line.startsWith("Anonymous:")) {
                    return kiloBytes(line);
                }
            }
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return -1;
        }
        return -1;
    }

    private static void add(Map<Long, FileUse> byInode, FileUse f, long rss, long pss) {
        byInode.merge(f.inode(), f.plus(rss, pss), (a, b) -> a.plus(rss, pss));
    }

    /** A header starts with {@code hex-hex }, a field line with a name and a colon. */
    static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        if (dash <= 0 || space <= dash) {
            return false;
        }
        for (int i = 0; i < space; i++) {
            char c = line.charAt(i);
            if (i != dash && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The file of a header line when its path is under {@code prefix}, with zero counts; else null. */
    private static FileUse headerFile(String line, String prefix) {
        String[] f = line.trim().split(" +", 6);
        if (f.length < 6 || !f[5].startsWith(prefix)) {
            return null;
        }
        try {
            return new FileUse(Long.parseLong(f[4]), f[5], 0, 0, 0);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code Name:   1234 kB} in bytes. */
    static long kiloBytes(String line) {
        String v = line.substring(line.indexOf(':') + 1).trim();
        int sp = v.indexOf(' ');
        try {
            return Long.parseLong(sp < 0 ? v : v.substring(0, sp)) * 1024;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
