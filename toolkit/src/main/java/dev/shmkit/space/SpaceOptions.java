package dev.shmkit.space;

import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentStore;
import dev.shmkit.segment.SpaceQuota;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a space is opened. Settings are read once, here, as name/default pairs (all listed in
 * the README's settings table): system property first, then environment variable, then default.
 */
public final class SpaceOptions {
    /** Base directory of all spaces; unset means /dev/shm/shmkit-&lt;user&gt; when it has room, else java.io.tmpdir. */
    public static final String DIR_PROPERTY = "shmkit.dir";
    public static final String DIR_ENV = "SHMKIT_DIR";
    /** Name of the default space (a sub-directory of the base). */
    public static final String SPACE_PROPERTY = "shmkit.space";
    public static final String SPACE_ENV = "SHMKIT_SPACE";
    public static final String DEFAULT_SPACE = "default";
    /** Whether opening a space removes what dead processes left behind. */
    public static final String SWEEP_PROPERTY = "shmkit.sweepOnOpen";
    public static final boolean DEFAULT_SWEEP = true;
    /** /dev/shm is used only while it has at least this much room: a nearly full tmpfs makes every publish fail. */
    static final long MIN_SHM_FREE = 64L << 20;

    private final Path directory;
    /** The base directory above {@link #directory} that shmkit owns, or null when the caller chose the space directory. */
    private final Path base;
    private final boolean sweepOnOpen;
    /** Cap on the bytes under the base (or the space directory); read once from shmkit.maxSpaceBytes / SHMKIT_MAX_SPACE_BYTES. */
    private final long maxSpaceBytes;

    private SpaceOptions(Path directory, Path base, boolean sweepOnOpen) {
        this(directory, base, sweepOnOpen, SpaceQuota.configuredCap());
    }

    private SpaceOptions(Path directory, Path base, boolean sweepOnOpen, long maxSpaceBytes) {
        this.directory = directory;
        this.base = base;
        this.sweepOnOpen = sweepOnOpen;
        this.maxSpaceBytes = maxSpaceBytes;
    }

    /** The default space as configured by properties and environment. */
    public static SpaceOptions defaults() {
        return named(setting(SPACE_PROPERTY, SPACE_ENV, DEFAULT_SPACE));
    }

    /** The space {@code name} under the configured base directory. */
    public static SpaceOptions named(String name) {
        Path base = baseDirectory();
        return new SpaceOptions(base.resolve(SegmentFile.validate(name)), base,
                Boolean.parseBoolean(setting(SWEEP_PROPERTY, null, String.valueOf(DEFAULT_SWEEP))));
    }

    /** A space in exactly this directory (created with mode 0700 if missing). */
    public static SpaceOptions directory(Path directory) {
        return new SpaceOptions(Objects.requireNonNull(directory, "directory").toAbsolutePath(), null,
                Boolean.parseBoolean(setting(SWEEP_PROPERTY, null, String.valueOf(DEFAULT_SWEEP))));
    }

    /** Returns a copy with sweeping on open switched on or off. */
    public SpaceOptions sweepOnOpen(boolean sweep) {
        return new SpaceOptions(directory, base, sweep, maxSpaceBytes);
    }

    /**
     * Returns a copy with a cap on the bytes this user's spaces may hold (all spaces under the base
     * directory, or this space's directory when it was chosen with {@link #directory(Path)});
     * {@link SpaceQuota#UNLIMITED} for none. Default: {@code shmkit.maxSpaceBytes} / {@code SHMKIT_MAX_SPACE_BYTES}.
     */
    public SpaceOptions maxSpaceBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxSpaceBytes=" + bytes + " < 0 (0 means no cap)");
        }
        return new SpaceOptions(directory, base, sweepOnOpen, bytes);
    }

    /** The cap on the bytes this user's spaces may hold, or {@link SpaceQuota#UNLIMITED}. */
    public long maxSpaceBytes() {
        return maxSpaceBytes;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The base directory shmkit owns above the space directory (checked like the space directory
     * when the space opens: a real directory of this user, mode 0700), or null for
     * {@link #directory(Path)}, whose parent belongs to the caller.
     */
    public Path base() {
        return base;
    }

    /**
     * The files of the space these options name: every directory shmkit owns is created 0700 if
     * missing and refused unless it is a real directory of this user with no group/other bits.
     */
    public SegmentStore openStore() {
        return new SegmentStore(directory, base, maxSpaceBytes);
    }

    public boolean sweepOnOpen() {
        return sweepOnOpen;
    }

    /** Resolution order: -Dshmkit.dir, SHMKIT_DIR, /dev/shm/shmkit-&lt;user&gt; when /dev/shm has room, java.io.tmpdir. */
    public static Path baseDirectory() {
        String explicit = setting(DIR_PROPERTY, DIR_ENV, null);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm) && usable(shm) >= MIN_SHM_FREE) {
            return shm.resolve("shmkit-" + user);
        }
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("shmkit-" + user);
    }

    private static long usable(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static String setting(String property, String env, String fallback) {
        String v = property == null ? null : System.getProperty(property);
        if (v == null && env != null) {
            v = System.getenv(env);
        }
        return v == null ? fallback : v;
    }

    @Override
    public String toString() {
        return "SpaceOptions[directory=" + directory + (base != null ? ", base=" + base : "") + ", sweepOnOpen=" + sweepOnOpen
                + (maxSpaceBytes != SpaceQuota.UNLIMITED ? ", maxSpaceBytes=" + maxSpaceBytes : "") + "]";
    }
}
