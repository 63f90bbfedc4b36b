package dev.shmkit.memory;

import dev.shmkit.ShmkitException;

import java.nio.file.Path;

/**
 * The device that holds a space has no room for a segment. Raised before anything is written
 * into a mapping, so no partial file is left and no {@code InternalError} from a fault in
 * mapped memory can follow.
 */
public class SpaceFullException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final long needed;
    private final long free;
    private final transient Path path;

    public SpaceFullException(Path path, long needed, long free, String device) {
        super("no room for segment " + path.getFileName() + ": needed=" + needed + " bytes ("
                + Bytes.human(needed) + ") free=" + free + " bytes (" + Bytes.human(free) + ") on device "
                + device + "; fix: remove entries (space.remove / %unshare), sweep dead ones (shmkit space --sweep),"
                + " or point SHMKIT_DIR at a larger device");
        this.needed = needed;
        this.free = free;
        this.path = path;
    }

    /** The file that could not be written (it no longer exists). */
    public Path path() {
        return path;
    }

    public long needed() {
        return needed;
    }

    public long free() {
        return free;
    }
}
