package dev.shmkit.pool;

import dev.shmkit.ship.ClassServer;

/**
 * Makes the {@link Backend} of a pool. The default one (local worker JVMs) is found with
 * {@link java.util.ServiceLoader}, so the pool does not depend on any transport; choose another
 * with {@link PoolOptions#backend(BackendFactory)}.
 */
public interface BackendFactory {
    /**
     * A backend for {@code options}; {@code classes} answers workers' requests for classes a job
     * did not push (JShell snippets it reaches only at run time).
     */
    Backend create(PoolOptions options, ClassServer classes);
}
