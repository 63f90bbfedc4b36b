package dev.shmkit.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a device for real. Mounting needs root; where the
 * OS refuses, {@link #mount} returns null and the caller falls back to a simulated device size.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    public static TmpfsMount mount(Path dir, int megabytes) throws IOException, InterruptedException {
        return mount(dir, megabytes, "");
    }

    /** As {@link #mount(Path, int)} with more mount options, e.g. {@code ",huge=within_size"}. */
    public static TmpfsMount mount(Path dir, int megabytes, String moreOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m" + moreOptions, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("[TmpfsMount] mount refused (" + out.trim() + "): falling back to a simulated device");
            return null;
        }
        System.err.println("[TmpfsMount] mounted a real " + megabytes + " MiB tmpfs" + moreOptions + " at " + dir);
        return new TmpfsMount(dir);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
    }
}
