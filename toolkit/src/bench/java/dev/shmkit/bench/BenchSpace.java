package dev.shmkit.bench;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;

/**
 * The space every benchmark publishes into: shmkit's default space (under
 * {@link SpaceOptions#baseDirectory()}), with entry names that start with {@value #PREFIX}. A killed
 * benchmark leaves its segments where {@code ./shmkit space --sweep} finds and removes them, never
 * in a directory of its own.
 */
final class BenchSpace {
    /** Prefix of every entry a benchmark publishes, so a listing shows whose they are. */
    static final String PREFIX = "bench-";

    private BenchSpace() {
    }

    /** Opens the default space (sweeping what dead processes left, as configured). */
    static SharedSpace open() {
        return SharedSpace.open(SpaceOptions.defaults());
    }

    /** The entry name for a benchmark's table {@code name}. */
    static String name(String name) {
        return PREFIX + name;
    }
}
