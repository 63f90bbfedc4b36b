package dev.shmkit.job;

import java.io.Serializable;
import java.util.function.Function;

/** A {@link Function} that can be shipped to a worker; cast a lambda to it to make it Serializable. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
