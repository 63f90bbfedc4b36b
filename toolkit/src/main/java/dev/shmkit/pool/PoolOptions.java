package dev.shmkit.pool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How workers are started: {@code PoolOptions.defaults().workers(4).heap("2g")}. Immutable.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>workers</td><td>available processors</td><td>number of worker JVMs</td></tr>
 * <tr><td>heap</td><td>JVM default</td><td>{@code -Xmx} of each worker, e.g. "1g"</td></tr>
 * <tr><td>jvmFlags</td><td>none</td><td>extra flags after {@code JvmFlags.forCurrentRuntime()}</td></tr>
 * <tr><td>classpath</td><td>none</td><td>entries after the parent's class path</td></tr>
 * <tr><td>environment</td><td>parent's</td><td>variables added to the workers' environment</td></tr>
 * <tr><td>inFlight</td><td>4</td><td>tasks queued per worker, so it never waits for the parent</td></tr>
 * <tr><td>backend</td><td>local worker JVMs</td><td>where workers run ({@link BackendFactory})</td></tr>
 * </table>
 */
public final class PoolOptions {
    /** Tasks sent ahead to each worker: hides the round trip of small tasks; higher hurts balance. */
    public static final int DEFAULT_IN_FLIGHT = 4;

    private final int workers;
    private final String heap;
    private final List<String> jvmFlags;
    private final List<Path> classpath;
    private final Map<String, String> environment;
    private final int inFlight;
    /** Null: the default backend found by ServiceLoader (local worker JVMs). */
    private final BackendFactory backend;

    private PoolOptions(int workers, String heap, List<String> jvmFlags, List<Path> classpath,
                        Map<String, String> environment, int inFlight, BackendFactory backend) {
        this.workers = workers;
        this.heap = heap;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.classpath = List.copyOf(classpath);
        this.environment = Map.copyOf(environment);
        this.inFlight = inFlight;
        this.backend = backend;
    }

    /** One worker per available processor, default heap, nothing extra. */
    public static PoolOptions defaults() {
        return new PoolOptions(Runtime.getRuntime().availableProcessors(), null, List.of(), List.of(), Map.of(),
                DEFAULT_IN_FLIGHT, null);
    }

    /** Number of worker JVMs (at least 1). */
    public PoolOptions workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers=" + n + " < 1");
        }
        return new PoolOptions(n, heap, jvmFlags, classpath, environment, inFlight, backend);
    }

    /** Maximum heap per worker in {@code -Xmx} syntax ("512m", "2g"). */
    public PoolOptions heap(String xmx) {
        return new PoolOptions(workers, xmx, jvmFlags, classpath, environment, inFlight, backend);
    }

    /** Adds a JVM flag for every worker, after shmkit's own. */
    public PoolOptions jvmFlag(String flag) {
        List<String> f = new ArrayList<>(jvmFlags);
        f.add(flag);
        return new PoolOptions(workers, heap, f, classpath, environment, inFlight, backend);
    }

    /** Adds a class path entry after the parent's class path. */
    public PoolOptions classpath(Path entry) {
        List<Path> c = new ArrayList<>(classpath);
        c.add(entry.toAbsolutePath());
        return new PoolOptions(workers, heap, jvmFlags, c, environment, inFlight, backend);
    }

    /** Sets an environment variable of every worker. */
    public PoolOptions environment(String name, String value) {
        Map<String, String> e = new LinkedHashMap<>(environment);
        e.put(name, value);
        return new PoolOptions(workers, heap, jvmFlags, classpath, e, inFlight, backend);
    }

    /** Tasks sent ahead to each worker. */
    public PoolOptions inFlight(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("inFlight=" + tasks + " < 1");
        }
        return new PoolOptions(workers, heap, jvmFlags, classpath, environment, tasks, backend);
    }

    /** Number of worker JVMs. */
    public int workers() {
        return workers;
    }

    /** The {@code -Xmx} value, or null for the JVM default. */
    public String heap() {
        return heap;
    }

    /** Extra JVM flags. */
    public List<String> jvmFlags() {
        return jvmFlags;
    }

    /** Extra class path entries. */
    public List<Path> classpath() {
        return classpath;
    }

    /** Extra environment variables. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Tasks sent ahead to each worker. */
    public int inFlight() {
        return inFlight;
    }

    /** Runs the workers on the backend {@code factory} makes instead of local worker JVMs. */
    public PoolOptions backend(BackendFactory factory) {
        return new PoolOptions(workers, heap, jvmFlags, classpath, environment, inFlight, factory);
    }

    /** The backend factory, or null for the default (local worker JVMs). */
    public BackendFactory backend() {
        return backend;
    }
}
