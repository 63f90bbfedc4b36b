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
}
