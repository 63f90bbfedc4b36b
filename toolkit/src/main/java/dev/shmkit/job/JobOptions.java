package dev.shmkit.job;

import java.time.Duration;

/**
 * Options of one map job, fluent and immutable: {@code JobOptions.defaults().chunkSize(100)}.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>chunkSize</td><td>0 = auto: ceil(items / (4 x workers)), like Python's Pool.map</td><td>items per task</td></tr>
 * <tr><td>chunkRows</td><td>0 = auto</td><td>rows per task of a table job</td></tr>
 * <tr><td>chunkCount</td><td>0 = auto: 4 per worker</td><td>number of tasks of a table job</td></tr>
 * <tr><td>timeout</td><td>none</td><td>a task running longer is killed with its worker</td></tr>
 * <tr><td>retries</td><td>1</td><td>re-runs of a task whose worker died</td></tr>
 * <tr><td>access</td><td>SHARE</td><td>how a table job's tasks reach the table: SHARE (map it), COPY (ship the
 * whole table with every task: {@code copyTable()}), PROXY (every read is a request to the parent: {@code proxy()})</td></tr>
 * <tr><td>measureMemory</td><td>false</td><td>sample each worker's physical memory during the job:
 * peak PSS of shared segments vs private (heap) memory, in {@link JobReport#memory()}</td></tr>
 * <tr><td>resultSegmentThreshold</td><td>1 MiB</td><td>a task result at least this big (its big primitive
 * arrays, or its serialized form, or its Arrow form for a Table) comes back through a result segment, not
 * the control socket; 0 or less = never</td></tr>
 * <tr><td>progress</td><td>none (the pool's default listener)</td><td>told about the job's start, tasks and end</td></tr>
 * </table>
 */
public final class JobOptions {
    /** Retries of a task whose worker died: one crash is often bad luck, two is the task. */
    public static final int DEFAULT_RETRIES = 1;
    /**
     * Results from this size travel through a result segment: below it a socket frame costs less than
     * creating, mapping and removing a file; above it the socket's copies (Kryo loop, frame buffer, read) dominate.
     */
    public static final long DEFAULT_RESULT_SEGMENT_BYTES = 1L << 20;
    /** {@link #resultSegmentThreshold(long)} value that turns result segments off: every result uses the socket. */
    public static final long NO_RESULT_SEGMENTS = 0;

    private final String name;
    private final int chunkSize;
    private final long chunkRows;
    private final int chunkCount;
    private final Duration timeout;
    private final int retries;
    private final AccessMode access;
    private final JobListener listener;
    private final boolean memory;
    /** Serialized result size from which a task's result travels through a result segment; 0 = never. */
    private final long resultSegmentBytes;

    private JobOptions(String name, int chunkSize, long chunkRows, int chunkCount, Duration timeout, int retries,
                       AccessMode access, JobListener listener, boolean memory, long resultSegmentBytes) {
        this.name = name;
        this.chunkSize = chunkSize;
        this.chunkRows = chunkRows;
        this.chunkCount = chunkCount;
        this.timeout = timeout;
        this.retries = retries;
        this.access = access;
        this.listener = listener;
        this.memory = memory;
        this.resultSegmentBytes = resultSegmentBytes;
    }

    /** Automatic chunking, no timeout, one retry, tables shared. */
    public static JobOptions defaults() {
        return new JobOptions(JobReport.DEFAULT_NAME, 0, 0, 0, null, DEFAULT_RETRIES, AccessMode.SHARE, null, false,
                DEFAULT_RESULT_SEGMENT_BYTES);
    }

    /** A name shown in reports and error messages. */
    public JobOptions name(String jobName) {
        return new JobOptions(jobName, chunkSize, chunkRows, chunkCount, timeout, retries, access, listener, memory, resultSegmentBytes);
    }

    /** Items per task; 0 for automatic. */
    public JobOptions chunkSize(int items) {
        if (items < 0) {
            throw new IllegalArgumentException("chunkSize=" + items + " < 0");
        }
        return new JobOptions(name, items, chunkRows, chunkCount, timeout, retries, access, listener, memory, resultSegmentBytes);
    }

    /** Rows per task of a table job; 0 for automatic. */
    public JobOptions chunkRows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("chunkRows=" + rows + " < 0");
        }
        return new JobOptions(name, chunkSize, rows, chunkCount, timeout, retries, access, listener, memory, resultSegmentBytes);
    }

    /** Number of tasks of a table job; 0 for automatic. */
    public JobOptions chunkCount(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("chunkCount=" + tasks + " < 0");
        }
        return new JobOptions(name, chunkSize, chunkRows, tasks, timeout, retries, access, listener, memory, resultSegmentBytes);
    }

    /** Per-task time limit; a task over it is killed with its worker (and retried). */
    public JobOptions timeout(Duration limit) {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, limit, retries, access, listener, memory, resultSegmentBytes);
    }

    /** Re-runs of a task whose worker died or timed out. */
    public JobOptions retries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retries=" + n + " < 0");
        }
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, n, access, listener, memory, resultSegmentBytes);
    }

    /** Copy mode: ship the whole table, serialized, with every task (the baseline sharing beats). */
    public JobOptions copyTable() {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries, AccessMode.COPY, listener, memory, resultSegmentBytes);
    }

    /** Share mode, the default: tasks read the published table in place (undoes {@link #copyTable()}). */
    public JobOptions shareTable() {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries, AccessMode.SHARE, listener, memory, resultSegmentBytes);
    }

    /**
     * Tells {@code l} about this job's start, each finished task and its end, instead of the pool's
     * default listener; null restores the default.
     */
    public JobOptions progress(JobListener l) {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries, access, l, memory, resultSegmentBytes);
    }

    /**
     * Samples, from the parent, each worker's physical memory while the job runs ({@code /proc/PID/smaps_rollup}
     * about every 50 ms and once at the end): the peak PSS of shared memory (the mapped segments)
     * and of private memory (heap, copies), reported per worker in {@link JobReport#memory()}.
     */
    public JobOptions measureMemory(boolean on) {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries, access, listener, on, resultSegmentBytes);
    }

    /**
     * Results of at least {@code bytes} come back through a result segment (a file in the pool's
     * directory that the worker writes and the parent maps) instead of the control socket;
     * {@link #NO_RESULT_SEGMENTS} (0) or a negative value: always the socket. A result's size is the
     * bytes of its primitive arrays over 1 MiB (written out-of-band with one bulk copy each), else
     * its Kryo-serialized size; a Tablesaw {@code Table}'s is its Arrow IPC file size.
     */
    public JobOptions resultSegmentThreshold(long bytes) {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries, access, listener, memory,
                Math.max(NO_RESULT_SEGMENTS, bytes));
    }

    /** The size from which results travel through a result segment; 0 = never. */
    public long resultSegmentThreshold() {
        return resultSegmentBytes;
    }

    /** Whether the job samples its workers' physical memory. */
    public boolean isMeasureMemory() {
        return memory;
    }

    /** The job's own listener, or null to use the pool's default one. */
    public JobListener listener() {
        return listener;
    }

    /** The job's name in reports and messages. */
    public String name() {
        return name;
    }

    /** Items per task; 0 for automatic. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Rows per task of a table job; 0 for automatic. */
    public long chunkRows() {
        return chunkRows;
    }

    /** Tasks of a table job; 0 for automatic. */
    public int chunkCount() {
        return chunkCount;
    }

    /** The per-task limit, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** Re-runs of a task whose worker died or timed out. */
    public int retries() {
        return retries;
    }

    /** Whether table jobs ship the whole table with every task. */
    public boolean isCopyTable() {
        return access == AccessMode.COPY;
    }

    /**
     * How table jobs reach the table: {@link AccessMode#SHARE} (the default), {@link AccessMode#COPY}
     * ({@link #copyTable()}) or {@link AccessMode#PROXY} ({@link #proxy()}).
     */
    public JobOptions access(AccessMode mode) {
        return new JobOptions(name, chunkSize, chunkRows, chunkCount, timeout, retries,
                java.util.Objects.requireNonNull(mode, "mode"), listener, memory, resultSegmentBytes);
    }

    /**
     * Proxy mode: the task's view is a proxy; each column read it makes is a request to this process,
     * which answers from the table it holds (one request per {@code get}, {@code sum}, {@code min},
     * {@code max}; one per batch of {@link dev.shmkit.table.ColumnReads#BATCH_ROWS} rows for {@code forEach}
     * and copies). Reads DOUBLE, LONG, INTEGER and STRING columns. The report counts requests, bytes moved
     * and time waiting ({@link JobReport#proxyRequests()}).
     */
    public JobOptions proxy() {
        return access(AccessMode.PROXY);
    }

    /** How table jobs reach the table. */
    public AccessMode access() {
        return access;
    }
}
