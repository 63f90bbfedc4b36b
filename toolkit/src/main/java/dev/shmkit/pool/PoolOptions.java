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
 * <tr><td>workers</td><td>available processors, at most {@code shmkit.maxWorkers}</td><td>number of worker JVMs</td></tr>
 * <tr><td>heap</td><td>JVM default</td><td>{@code -Xmx} of each worker, e.g. "1g"</td></tr>
 * <tr><td>jvmFlags</td><td>none</td><td>extra flags after {@code JvmFlags.forCurrentRuntime()}</td></tr>
 * <tr><td>classpath</td><td>none</td><td>entries after the parent's class path</td></tr>
 * <tr><td>environment</td><td>parent's</td><td>variables added to the workers' environment</td></tr>
 * <tr><td>inFlight</td><td>4</td><td>tasks queued per worker, so it never waits for the parent</td></tr>
 * <tr><td>backend</td><td>local worker JVMs</td><td>where workers run ({@link BackendFactory})</td></tr>
 * </table>
 *
 * <p>{@code shmkit.maxWorkers} / {@code SHMKIT_MAX_WORKERS} caps the workers of one pool (a teacher's
 * limit per student): the default size is lowered to it; an explicit request over it
 * ({@code workers(n)}, {@code WorkerPool.start(n)}, {@code resize(n)}) is refused with a
 * {@link WorkerLimitException} before any worker starts, so a student sees why, not a slower pool.
 */
public final class PoolOptions {
    /** Tasks sent ahead to each worker: hides the round trip of small tasks; higher hurts balance. */
    public static final int DEFAULT_IN_FLIGHT = 4;

    /** Cap on the workers of one pool; unset or 0 = none (a single user's own machine has no one to share with). */
    public static final String MAX_WORKERS_PROPERTY = "shmkit.maxWorkers";
    public static final String MAX_WORKERS_ENV = "SHMKIT_MAX_WORKERS";
    public static final int UNLIMITED_WORKERS = 0;

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
        int max = maxWorkers();
        int cores = Runtime.getRuntime().availableProcessors();
        return new PoolOptions(max == UNLIMITED_WORKERS ? cores : Math.min(cores, max), null, List.of(), List.of(), Map.of(),
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

    /** The cap from {@value #MAX_WORKERS_PROPERTY}, else {@value #MAX_WORKERS_ENV}, else {@link #UNLIMITED_WORKERS}. */
    public static int maxWorkers() {
        String v = System.getProperty(MAX_WORKERS_PROPERTY);
        String from = "-D" + MAX_WORKERS_PROPERTY;
        if (v == null || v.isBlank()) {
            v = System.getenv(MAX_WORKERS_ENV);
            from = MAX_WORKERS_ENV;
        }
        if (v == null || v.isBlank()) {
            return UNLIMITED_WORKERS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new WorkerLimitException("invalid worker cap " + from + "='" + v + "': expected a whole number >= 0"
                + " (0 for no cap)");
    }

    /**
     * Refuses {@code n} workers when it is over {@link #maxWorkers()}.
     *
     * @param what what asked for them, e.g. "WorkerPool.start"
     */
    public static void checkWorkers(int n, String what) {
        int max = maxWorkers();
        if (max != UNLIMITED_WORKERS && n > max) {
            throw new WorkerLimitException(what + " refused: workers=" + n + " > maxWorkers=" + max + " ("
                    + MAX_WORKERS_PROPERTY + " / " + MAX_WORKERS_ENV + ", the cap per pool on this machine); fix: ask for"
                    + " at most " + max + " (e.g. WorkerPool.start(" + max + ") or %workers " + max
                    + "), or ask whoever runs the machine for a higher cap");
        }
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
