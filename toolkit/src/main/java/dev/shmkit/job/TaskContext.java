package dev.shmkit.job;

import dev.shmkit.table.proxy.ProxyTransport;

import java.nio.file.Path;

/**
 * The worker-side state a {@link ChunkRunner} sees for one task: the cost counters it reports back
 * and, in copy mode, the private copy it received. Attached segments live in the worker's one
 * {@link dev.shmkit.segment.SegmentCache}.
 */
public final class TaskContext {
    private long attachNanos;
    private long bytesMapped;
    private long bytesCopied;
    private Path receivedCopy;
    private long proxyRequests;
    private long proxyBytes;
    private long proxyWaitNanos;
    /** How proxy-mode reads reach the parent (the worker's control channel); null where there is none. */
    private ProxyTransport proxyTransport;

    /** Resets the per-task counters. */
    public void reset() {
        attachNanos = 0;
        bytesMapped = 0;
        bytesCopied = 0;
        receivedCopy = null;
        proxyRequests = 0;
        proxyBytes = 0;
        proxyWaitNanos = 0;
    }

    /** Set once by the worker: the channel proxy-mode reads travel over. */
    public void proxyTransport(ProxyTransport transport) {
        this.proxyTransport = transport;
    }

    /** The channel proxy-mode reads travel over, or null where there is none. */
    public ProxyTransport proxyTransport() {
        return proxyTransport;
    }

    /** Counts a proxy-mode task's reads: requests sent, payload bytes moved both ways, nanoseconds waiting for replies. */
    public void addProxyReads(long requests, long bytes, long waitNanos) {
        proxyRequests += requests;
        proxyBytes += bytes;
        proxyWaitNanos += waitNanos;
    }

    /** Proxy requests of the current task. */
    public long proxyRequests() {
        return proxyRequests;
    }

    /** Proxy payload bytes (requests and replies) of the current task. */
    public long proxyBytes() {
        return proxyBytes;
    }

    /** Time the current task waited for proxy replies. */
    public long proxyWaitNanos() {
        return proxyWaitNanos;
    }

    /** The private file the current (copy-mode) task's table was received into, or null. */
    public Path receivedCopy() {
        return receivedCopy;
    }

    /** Set by the worker before it runs a copy-mode task: where the streamed table copy is. */
    public void receivedCopy(Path file) {
        this.receivedCopy = file;
    }

    /** Counts time spent attaching (mapping) input. */
    public void addAttachNanos(long nanos) {
        attachNanos += nanos;
    }

    /** Counts bytes the task reads in place from shared memory. */
    public void addBytesMapped(long n) {
        bytesMapped += n;
    }

    /** Counts bytes the task copied. */
    public void addBytesCopied(long n) {
        bytesCopied += n;
    }

    /** Attach time of the current task. */
    public long attachNanos() {
        return attachNanos;
    }

    /** Bytes mapped by the current task. */
    public long bytesMapped() {
        return bytesMapped;
    }

    /** Bytes copied by the current task. */
    public long bytesCopied() {
        return bytesCopied;
    }
}
