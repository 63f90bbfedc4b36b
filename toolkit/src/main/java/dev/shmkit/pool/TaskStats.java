package dev.shmkit.pool;

/**
 * What one task cost on its worker, as a backend reports it with the result. Times are
 * nanoseconds; {@code resultNanos} includes reading the result in the parent.
 *
 * @param deserializeNanos input deserialization in the worker (plus the job set-up for its first task)
 * @param attachNanos      mapping segments (or receiving a copy-mode table)
 * @param runNanos         the user's code
 * @param resultNanos      serializing the result in the worker and reading it in the parent
 * @param bytesMapped      bytes the task read in place from shared memory
 * @param bytesCopied      bytes the worker copied on top of what crossed the process boundary
 * @param resultBytes      bytes of the result that crossed the control channel (inline)
 * @param resultSegmentBytes bytes of the result segment the parent mapped instead (0 for an inline result)
 * @param proxyRequests    proxy-mode reads the task sent to the parent
 * @param proxyBytes       payload bytes of those requests and their replies
 * @param proxyWaitNanos   time the task waited for the replies (part of {@code runNanos})
 */
public record TaskStats(long deserializeNanos, long attachNanos, long runNanos, long resultNanos,
                        long bytesMapped, long bytesCopied, long resultBytes, long resultSegmentBytes,
                        long proxyRequests, long proxyBytes, long proxyWaitNanos) {
    /** Stats of a task whose result came inline and that made no proxy reads. */
    public TaskStats(long deserializeNanos, long attachNanos, long runNanos, long resultNanos,
                     long bytesMapped, long bytesCopied, long resultBytes) {
        this(deserializeNanos, attachNanos, runNanos, resultNanos, bytesMapped, bytesCopied, resultBytes, 0, 0, 0, 0);
    }
}
