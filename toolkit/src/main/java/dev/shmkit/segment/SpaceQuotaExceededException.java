package dev.shmkit.segment;

import dev.shmkit.ShmkitException;

/**
 * A publish, put or allocation would take a user's spaces over the cap {@link SpaceQuota} sets
 * ({@code shmkit.maxSpaceBytes} / {@code SHMKIT_MAX_SPACE_BYTES}). Raised before the segment becomes
 * visible; its temporary file is removed, so nothing is left on the device.
 */
public class SpaceQuotaExceededException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final long capBytes;
    private final long usedBytes;
    private final long requestedBytes;

    public SpaceQuotaExceededException(String message, long capBytes, long usedBytes, long requestedBytes) {
        super(message);
        this.capBytes = capBytes;
        this.usedBytes = usedBytes;
        this.requestedBytes = requestedBytes;
    }

    /** The cap in bytes. */
    public long capBytes() {
        return capBytes;
    }

    /** Bytes the user's spaces held when the request was refused. */
    public long usedBytes() {
        return usedBytes;
    }

    /** Bytes the refused request needed. */
    public long requestedBytes() {
        return requestedBytes;
    }
}
