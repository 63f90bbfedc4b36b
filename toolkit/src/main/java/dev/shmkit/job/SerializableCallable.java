package dev.shmkit.job;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A {@link Callable} that can be shipped to a worker with {@code pool.submit(...)}. */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
}
