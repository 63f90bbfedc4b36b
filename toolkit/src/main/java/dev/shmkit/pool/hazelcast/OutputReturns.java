package dev.shmkit.pool.hazelcast;

import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.table.OutputLayout;
import dev.shmkit.table.OutputSchema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * The caller's side of output tables on a cluster: while a job writes an output, its draft is mapped
 * read-write here, and the rows members send back ({@link ReturnCalls.ReturnRows}) are checked (CRC-32C, inside
 * one column's values) and written at their offsets. When the job ends the draft is closed here first, so
 * no late chunk lands in a sealed or aborted table; a late chunk is refused.
 */
final class OutputReturns {
    /** A member that sent rows back. */
    record Sender(String address, long pid) {
    }

    private final Map<SegmentId, Receiver> open = new ConcurrentHashMap<>();

    private static final class Receiver {
        final OutputLayout layout;
        final Mapping mapping;
        /** Writes share it; closing takes it alone, so it waits for the writes under way. */
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        boolean closed;
        /** Bytes written here, by the member that sent them (address and pid). */
        final Map<Sender, java.util.concurrent.atomic.LongAdder> bytes = new ConcurrentHashMap<>();

        Receiver(OutputLayout layout, Mapping mapping) {
            this.layout = layout;
            this.mapping = mapping;
        }
    }

    /** Starts receiving rows of {@code layout}'s draft (idempotent: a job opens it once however many members). */
    void open(OutputLayout layout) {
        open.computeIfAbsent(layout.draft(), id -> {
            Mapping m = LocalSegmentSource.get().map(id);
            if (!m.isWritable()) {
                m.close();
                throw new ClusterException("output " + id + " is already sealed: its job ended; rows cannot come back");
            }
            return new Receiver(layout, m);
        });
    }

    /** Whether rows of {@code draft} are being received. */
    boolean isOpen(SegmentId draft) {
        return open.containsKey(draft);
    }

    /** Writes {@code bytes} (checksum {@code crc}) at file {@code offset} of {@code draft}. Returns the bytes written. */
    long write(SegmentId draft, long offset, byte[] bytes, int crc, Sender from) {
        Receiver r = open.get(draft);
        if (r == null) {
            throw new ClusterException("output " + draft + ": rows at offset=" + offset + " length=" + bytes.length
                    + " came back after its job ended (sealed or aborted); they are dropped");
        }
        CRC32C c = new CRC32C();
        c.update(bytes);
        if ((int) c.getValue() != crc) {
            throw new ClusterException("output " + draft + ": rows at offset=" + offset + " length=" + bytes.length
                    + " crc32c=" + Integer.toHexString((int) c.getValue()) + " != sent " + Integer.toHexString(crc)
                    + " (corrupted on the way; the task fails and is retried)");
        }
        checkInsideColumn(r.layout, offset, bytes.length);
        r.lock.readLock().lock();
        try {
            if (r.closed) {
                throw new ClusterException("output " + draft + ": rows at offset=" + offset + " came back after its job"
                        + " ended (sealed or aborted); they are dropped");
            }
            r.mapping.writeBytes(offset, bytes, 0, bytes.length);
            r.bytes.computeIfAbsent(from, k -> new java.util.concurrent.atomic.LongAdder()).add(bytes.length);
        } finally {
            r.lock.readLock().unlock();
        }
        return bytes.length;
    }

    private static void checkInsideColumn(OutputLayout l, long offset, int length) {
        OutputSchema s = l.schema();
        for (int i = 0; i < s.columnCount(); i++) {
            long start = l.offsets()[i];
            long end = start + (long) l.rows() * s.type(i).width();
            if (offset >= start && offset + length <= end) {
                return;
            }
        }
        throw new ClusterException("output " + l.draft() + ": rows at offset=" + offset + " length=" + length
                + " are not inside one column's values (a member with another layout?); refused");
    }

    /**
     * Stops receiving rows of {@code draft} and unmaps it here (waits for writes under way). Returns the bytes
     * written here per member (empty when it was not open).
     */
    Map<Sender, Long> close(SegmentId draft) {
        Receiver r = open.remove(draft);
        if (r == null) {
            return Map.of();
        }
        r.lock.writeLock().lock();
        try {
            r.closed = true;
            r.mapping.close();
        } finally {
            r.lock.writeLock().unlock();
        }
        Map<Sender, Long> out = new java.util.LinkedHashMap<>();
        r.bytes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The pool closed: every draft still open is closed here. */
    void closeAll() {
        open.keySet().forEach(this::close);
    }
}
