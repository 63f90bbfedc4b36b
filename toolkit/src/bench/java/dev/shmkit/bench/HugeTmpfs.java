package dev.shmkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs with 2 MiB pages ({@code huge=within_size}) mounted for one benchmark run in a fresh
 * temporary directory, unmounted and removed by {@link #close()}. Mounting needs root; when it is
 * refused, {@link #mount()} prints one JSON line saying so and why, and returns null.
 */
final class HugeTmpfs implements AutoCloseable {
    /** Room for two versions of the 400 MB W2 column or of the 320 MB table (a limit, not an allocation). */
    static final String OPTIONS = "size=2g,huge=within_size";
    private static final int COMMAND_TIMEOUT_SECONDS = 30;

    private final Path dir;

    private HugeTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts it, or prints {@code {"workload":"huge_tmpfs","variant":"skipped","reason":...}} and returns null. */
    static HugeTmpfs mount() throws IOException {
        Path dir = Files.createTempDirectory("shmkit-bench-huge-");
        String out = run(List.of("mount", "-t", "tmpfs", "-o", OPTIONS, "shmkit-bench", dir.toString()));
        if (!out.isEmpty()) {
            Files.deleteIfExists(dir);
            System.out.println("{\"workload\":\"huge_tmpfs\",\"variant\":\"skipped\",\"reason\":\""
                    + ("mount -t tmpfs -o " + OPTIONS + " refused (needs root): " + out).replace("\\", "/").replace("\"", "'")
                    .replace("\n", " ").strip() + "\"}");
            return null;
        }
        return new HugeTmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Unmounts (lazily, if a straggler still maps a file there) and removes the mount point. */
    @Override
    public void close() throws IOException {
        if (!run(List.of("umount", dir.toString())).isEmpty()) {
            run(List.of("umount", "-l", dir.toString()));
        }
        Files.deleteIfExists(dir);
    }

    /** Runs a command; returns "" on success, else its exit status and output. */
    private static String run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out after " + COMMAND_TIMEOUT_SECONDS + " s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return "interrupted";
        }
        return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + text;
    }
}
