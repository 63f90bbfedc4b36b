package dev.shmkit.job;

/**
 * What one task cost. Times are nanoseconds: {@code queueWait} from job submission to dispatch,
 * {@code ship} serializing the input in the parent, {@code deserialize} in the worker (including
 * job set-up for the worker's first task of the job), {@code attach} mapping segments, {@code run}
 * the user's code, {@code result} serializing the result in the worker and reading it in the parent.
 * {@code resultBytes} crossed the control socket (inline); {@code resultSegmentBytes} came through a
 * result segment the parent mapped (also counted in {@code bytesMapped}, never in {@code bytesCopied}).
 * Proxy mode ({@link AccessMode#PROXY}): {@code proxyRequests} the task's reads sent to the parent,
 * {@code proxyBytes} their request and reply payload bytes, {@code proxyWaitNanos} the part of {@code run}
 * spent waiting for replies.
 */
public record TaskReport(int index, String label, int workerId, int attempts,
                         long queueWaitNanos, long shipNanos, long deserializeNanos, long attachNanos,
                         long runNanos, long resultNanos, long bytesCopied, long bytesMapped, long resultBytes,
                         long resultSegmentBytes, long proxyRequests, long proxyBytes, long proxyWaitNanos) {
    /** A report of a task whose result came inline (no result segment) and that made no proxy reads. */
    public TaskReport(int index, String label, int workerId, int attempts,
                      long queueWaitNanos, long shipNanos, long deserializeNanos, long attachNanos,
                      long runNanos, long resultNanos, long bytesCopied, long bytesMapped, long resultBytes) {
        this(index, label, workerId, attempts, queueWaitNanos, shipNanos, deserializeNanos, attachNanos, runNanos,
                resultNanos, bytesCopied, bytesMapped, resultBytes, 0, 0, 0, 0);
    }

    /** Whether the result came through a result segment rather than the socket. */
    public boolean resultViaSegment() {
        return resultSegmentBytes > 0;
    }
}
