package dev.shmkit.space;

import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.Reservation;
import dev.shmkit.segment.PrivatePaths;
import dev.shmkit.segment.SegmentStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pays Chronicle Bytes' one-off class initialisation (0.35-0.7 s in a fresh JVM) when a space
 * opens, so the first publish or attach costs what later ones cost. Done once per process, with a
 * small file in the space's {@code .tmp/} (named so that a sweep removes it if this process dies
 * before deleting it).
 */
final class Warmup {
    private static volatile boolean done;

    private Warmup() {
    }

    /** The warm-up file of process {@code pid}: in the space's {@code .tmp/}, named as sweep expects. */
    static Path file(SegmentStore store, long pid) {
        return store.temporaryDirectory().resolve("shmkit-warmup." + pid + ".0.bin");
    }

    static synchronized void run(SegmentStore store) {
        if (done) {
            return;
        }
        done = true;
        Path f = file(store, SegmentStore.PID);
        try {
            try {
                try (FileChannel ch = PrivatePaths.openNew(f)) { // 0600 from the first byte, like every file of a space
                    ch.write(ByteBuffer.allocate(64));
                }
                Reservation.reserve(f, 64);
                try (Mapping m = Mapping.readOnly(f)) {
                    m.readLong(0);
                }
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // warm-up is an optimisation; a real failure shows on the first real mapping
        }
    }
}
