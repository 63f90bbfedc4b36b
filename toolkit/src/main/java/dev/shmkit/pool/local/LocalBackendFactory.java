package dev.shmkit.pool.local;

import dev.shmkit.pool.Backend;
import dev.shmkit.pool.BackendFactory;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.ship.ClassServer;

/** Makes a {@link LocalBackend}: the default backend, registered in {@code META-INF/services}. */
public final class LocalBackendFactory implements BackendFactory {
    @Override
    public Backend create(PoolOptions options, ClassServer classes) {
        return new LocalBackend(options, classes, null);
    }

    /**
     * Removes the control directories of pools whose process is gone (a parent killed before it closed
     * its pool) under {@code base}; returns how many. A new pool does the same when it starts.
     */
    public static int sweepDeadPools(java.nio.file.Path base) {
        java.nio.file.Path pools = base.resolve(ControlDirectory.POOLS);
        return java.nio.file.Files.isDirectory(pools) ? ControlDirectory.sweep(pools) : 0;
    }
}
