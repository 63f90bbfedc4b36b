package dev.shmkit.space;

import dev.shmkit.memory.Reservation;
import dev.shmkit.memory.SpaceFullException;

import java.util.function.Supplier;

/**
 * Reclaims versions that only views nobody references any more keep mapped. A view dropped without
 * {@code close()} is unmapped by a cleaner after the garbage collector finds it, which may be much
 * later; until then a superseded version it maps stays retired and holds its bytes. When a publish
 * finds the device full, this asks for a collection and waits briefly for the cleaners, then
 * retries once: the same policy the JDK applies to direct buffers ({@code Bits.reserveMemory}).
 */
final class DroppedViews {
    /** How long a full device waits for cleaners to unmap dropped views before the publish gives up. */
    private static final long WAIT_MILLIS = 2_000;

    private DroppedViews() {
    }

    static <T> T retryOnceIfFull(Supplier<T> publish) {
        try {
            return publish.get();
        } catch (SpaceFullException full) {
            if (!reclaim(full)) {
                throw full;
            }
            return publish.get();
        }
    }

    /** Whether a collection freed at least the bytes {@code full} needed, within the wait. */
    private static boolean reclaim(SpaceFullException full) {
        System.gc();
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            long free = Reservation.usableSpace(full.path());
            if (free >= full.needed()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
