package dev.shmkit.memory;

import dev.shmkit.ShmkitException;
import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reserves a segment's bytes on the device before anything is written into it through a mapping,
 * or ({@link #checkFree}) only checks that they fit, for a file written through a {@code FileChannel}.
 *
 * <p>A sparse file on a full tmpfs maps fine and then faults on the first write into a page
 * the device cannot supply ({@code InternalError} in mapped memory). Only real allocation
 * reports ENOSPC up front, so the space is claimed with posix {@code fallocate} (through
 * Chronicle's posix bindings). Where those are unavailable the caller still writes every byte
 * through a {@code FileChannel}, which reports ENOSPC as an {@code IOException} that
 * {@link #fullOrRethrow} turns into {@link SpaceFullException}.
 */
public final class Reservation {
    private static final int O_RDWR = 2;
    /** Zeros written per call when the device cannot fallocate (a bounded buffer, not the whole segment). */
    private static final int FILL_CHUNK = 1 << 20;
    /**
     * Tests only, for machines that refuse to mount a small tmpfs: a directory whose device is
     * reported to have only this many free bytes. Null (the normal case) means the real device.
     */
    private static volatile java.util.Map.Entry<Path, Long> simulated;

    private Reservation() {
    }

    /**
     * Claims {@code bytes} bytes for the (already created) file at {@code path}, which then is at
     * least that long.
     *
     * @return true when the bytes are allocated on the device (fallocate), so writes through a mapping
     *         cannot fault for want of space; false when only the free space was checked (no native
     *         bindings): write through a {@code FileChannel} then, which reports ENOSPC
     * @throws SpaceFullException when the device cannot hold them
     */
    public static boolean reserve(Path path, long bytes) {
        long missing = checkFree(path, bytes);
        PosixAPI posix;
        try {
            posix = PosixAPI.posix();
        } catch (RuntimeException | LinkageError e) {
            return false; // no native bindings: the FileChannel writes report ENOSPC instead
        }
        int fd;
        try {
            fd = posix.open(path.toString(), O_RDWR, 0600);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        if (fd < 0) {
            return false;
        }
        try {
            // fallocate's lastError() was seen stale: trust the return code only.
            int rc = posix.fallocate(fd, 0, 0, bytes);
            if (rc != 0) {
                throw new SpaceFullException(path, missing, usableSpace(path), device(path));
            }
            return true;
        } catch (SpaceFullException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            return false; // NoOpPosixAPI throws here: fall back to the FileChannel writes.
        } finally {
            posix.close(fd);
        }
    }

    /**
     * Checks that the device can hold {@code bytes} for the file at {@code path} (less what the file holds
     * already) and allocates nothing: for files written only through a {@code FileChannel}, where ENOSPC is an
     * {@code IOException} ({@link #fullOrRethrow}), never through a mapping. Loads no native bindings (their
     * first use costs a fresh JVM 0.2-0.35 s of CPU, measured in a worker's start).
     *
     * @return the bytes the file still needs
     * @throws SpaceFullException when the device cannot hold them
     */
    public static long checkFree(Path path, long bytes) {
        long free = usableSpace(path);
        long missing = bytes - lengthOrZero(path); // a recycled file's pages are allocated already
        if (free >= 0 && missing > free) {
            throw new SpaceFullException(path, missing, free, device(path));
        }
        return missing;
    }

    private static long lengthOrZero(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Claims every byte on the device: fallocate, else zeros through a FileChannel (ENOSPC is an IOException there). */
    public static void claim(Path file, long bytes) {
        reserve(file, bytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long pos = ch.size();
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(FILL_CHUNK, Math.max(1, bytes - pos)));
            while (pos < bytes) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - pos));
                pos += ch.write(zeros, pos);
            }
        } catch (IOException e) {
            throw fullOrRethrow(file, bytes, e);
        }
    }

    /** Turns an ENOSPC {@code IOException} from a write into {@link SpaceFullException}. */
    public static RuntimeException fullOrRethrow(Path path, long needed, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("ENOSPC") || msg.contains("Disk quota")) {
            SpaceFullException full = new SpaceFullException(path, needed, usableSpace(path), device(path));
            full.initCause(e);
            return full;
        }
        return new ShmkitException("cannot write segment file " + path + ": " + e, e);
    }

    /**
     * Tests only: makes paths under {@code dir} report {@code freeBytes} free bytes, as a stand-in
     * for a full device where mounting a small tmpfs is refused; {@code null} restores the real device.
     */
    public static void simulateFreeSpaceForTests(Path dir, Long freeBytes) {
        simulated = freeBytes == null ? null : java.util.Map.entry(dir.toAbsolutePath(), freeBytes);
    }

    /** Usable bytes on the device holding {@code path} (or its directory), or -1 when unknown. */
    public static long usableSpace(Path path) {
        java.util.Map.Entry<Path, Long> sim = simulated;
        if (sim != null && path.toAbsolutePath().startsWith(sim.getKey())) {
            return sim.getValue();
        }
        try {
            Path probe = Files.exists(path) ? path : path.getParent();
            return Files.getFileStore(probe).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String device(Path path) {
        try {
            Path probe = Files.exists(path) ? path : path.getParent();
            FileStore store = Files.getFileStore(probe);
            return store.name() + " (" + store.type() + ") holding " + probe.toAbsolutePath().getParent();
        } catch (IOException | RuntimeException e) {
            return String.valueOf(path.getParent());
        }
    }
}
