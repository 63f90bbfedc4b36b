package dev.shmkit.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        byte[] prefix = (" " + dir.toAbsolutePath().normalize() + "/").getBytes(StandardCharsets.UTF_8);
        if (ignoredPid != SegmentStore.PID) {
            scan(PROC.resolve("self/maps"), prefix, inodes, mapped); // the cheap, common case first
            if (mapped.size() == inodes.size()) {
                return mapped;
            }
        }
        String self = Long.toString(SegmentStore.PID);
        String ignored = Long.toString(ignoredPid);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : procs) {
                String pid = p.getFileName().toString();
                if (!pid.equals(self) && !pid.equals(ignored)) {
                    scan(p.resolve("maps"), prefix, inodes, mapped);
                    if (mapped.size() == inodes.size()) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return mapped;
        }
        return mapped;
    }

    /**
     * The live processes (this one included) whose {@code /proc/<pid>/maps} name a file under
     * {@code dir}, in pid order; processes whose maps we may not read are not seen.
     */
    public static List<Long> mapping(Path dir) {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return pids;
        }
        byte[] prefix = (" " + dir.toAbsolutePath().normalize() + "/").getBytes(StandardCharsets.UTF_8);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : procs) {
                byte[] text;
                try {
                    text = Files.readAllBytes(p.resolve("maps"));
                } catch (IOException | SecurityException e) {
                    continue; // exited meanwhile, or not ours to read
                }
                if (indexOf(text, prefix, 0) >= 0) {
                    pids.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return pids;
        }
        pids.sort(null);
        return pids;
    }

    /**
     * A short label of process {@code pid} from its command line: the main class's simple name for a
     * JVM ("java WorkerMain" for a shmkit worker, "java KernelMain" for the kernel), the script for
     * others ("python3 reader.py", "python -c"); empty when unreadable.
     */
    public static String command(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
        } catch (IOException | SecurityException e) {
            return "";
        }
        List<String> argv = new ArrayList<>(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
        argv.removeIf(String::isEmpty);
        if (argv.isEmpty()) {
            return "";
        }
        String exe = Path.of(argv.get(0)).getFileName().toString();
        boolean java = exe.equals("java");
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-c") || a.equals("-e")) {
                return exe + " " + a; // inline script (python -c, perl -e): its text is no label
            } else if (a.equals("-jar") && i + 1 < argv.size()) {
                String jar = argv.get(i + 1);
                return exe + " -jar " + jar.substring(jar.lastIndexOf('/') + 1);
            } else if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-m")) {
                i++;
            } else if (!a.startsWith("-")) {
                String shown = java ? a.substring(a.lastIndexOf('.') + 1) : a.substring(a.lastIndexOf('/') + 1);
                return (exe + " " + shown).replaceAll("\\s+", " ");
            }
        }
        return exe;
    }

    /** Adds to {@code mapped} the inodes of {@code inodes} that lines of {@code maps} under the prefix name. */
    private static void scan(Path maps, byte[] prefix, Set<Long> inodes, Set<Long> mapped) {
        byte[] text;
        try {
            text = Files.readAllBytes(maps);
        } catch (IOException | SecurityException e) {
            return; // exited meanwhile, or not ours to read
        }
        int from = 0;
        while ((from = indexOf(text, prefix, from)) >= 0) {
            int lineStart = from;
            while (lineStart > 0 && text[lineStart - 1] != '\n') {
                lineStart--;
            }
            int lineEnd = from;
            while (lineEnd < text.length && text[lineEnd] != '\n') {
                lineEnd++;
            }
            Long ino = inodeField(new String(text, lineStart, from - lineStart, StandardCharsets.US_ASCII));
            if (ino != null && inodes.contains(ino)) {
                mapped.add(ino);
            }
            from = lineEnd;
        }
    }

    private static int indexOf(byte[] text, byte[] needle, int from) {
        outer:
        for (int i = from; i <= text.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (text[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The inode of {@code file}, or -1 when it is gone. */
    public static long inode(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Fifth field of a maps line: {@code address perms offset dev inode [path]}. */
    private static Long inodeField(String line) {
        line = line.trim();
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
