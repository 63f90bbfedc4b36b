package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Reservation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's side of copy-mode streams: the reader thread writes each slice as it arrives into
 * a private file {@code <space>/.tmp/copy.<pid>.<seq>.arrow} (the name the space's sweep parses:
 * the pid is third from the end, so a killed worker's copy is swept), reserved in full up front
 * so a full device fails at once with the numbers. The task thread waits for its file, maps it,
 * and {@link #discard}s it after the task.
 */
final class CopyReceiver {
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQ = new AtomicLong();

    private static final class Incoming {
        final long jobId;
        final long expected;
        final CompletableFuture<Path> done = new CompletableFuture<>();
        Path file;
        FileChannel channel;
        long received;

        Incoming(long jobId, long expected) {
            this.jobId = jobId;
            this.expected = expected;
        }
    }

    private final Map<Long, Incoming> byTask = new ConcurrentHashMap<>();

    /** {@link Frame#STREAM_OPEN}: creates and reserves the private file. */
    void open(Frame f) {
        long jobId = f.getLong();
        long taskId = f.getLong();
        long bytes = f.getLong();
        Path dir = Path.of(f.getString());
        Incoming in = new Incoming(jobId, bytes);
        byTask.put(taskId, in);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            in.file = dir.resolve("copy." + PID + "." + SEQ.incrementAndGet() + ".arrow");
            Files.createFile(in.file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Reservation.checkFree(in.file, bytes); // written with pwrite: ENOSPC is an IOException
            in.channel = FileChannel.open(in.file, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            fail(in, e instanceof ShmkitException se ? se : new ShmkitException("copy mode: creating the task's copy file in "
                    + dir + " failed: " + e, e));
        }
    }

    /** {@link Frame#STREAM_DATA}: appends the slice (the frame's body is a view valid until the next read). */
    void data(Frame f) {
        long taskId = f.getLong();
        Incoming in = byTask.get(taskId);
        if (in == null || in.channel == null) {
            return;  // cancelled, or failed at open: the slices are read and dropped
        }
        ByteBuffer slice = f.body;
        int n = slice.remaining();
        try {
            while (slice.hasRemaining()) {
                in.channel.write(slice, in.received + (n - slice.remaining()));
            }
            in.received += n;
        } catch (IOException e) {
            fail(in, Reservation.fullOrRethrow(in.file, in.expected, e));
        }
    }

    /** {@link Frame#STREAM_END}: the file is complete (or the parent gave up). */
    void end(Frame f) {
        long taskId = f.getLong();
        byte status = f.getByte();
        String why = f.getString();
        Incoming in = byTask.get(taskId);
        if (in == null || in.done.isDone()) {
            return;
        }
        closeChannel(in);
        if (status == Frame.STREAM_COMPLETE && in.received == in.expected) {
            in.done.complete(in.file);
        } else {
            fail(in, new ShmkitException(status == Frame.STREAM_COMPLETE ? "copy mode: received=" + in.received
                    + " B of " + in.expected + " B" : why));
        }
    }

    /** The received file of {@code taskId}, waiting for the stream to end; null if the task has no stream. */
    Path await(long taskId) throws InterruptedException {
        Incoming in = byTask.get(taskId);
        if (in == null) {
            return null;
        }
        try {
            return in.done.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new ShmkitException(String.valueOf(c), c);
        }
    }

    /** Unmapped by now: removes the task's file. */
    void discard(long taskId) {
        Incoming in = byTask.remove(taskId);
        if (in != null) {
            closeChannel(in);
            delete(in);
        }
    }

    /** Drops every stream of a cancelled job (their tasks are dropped too). */
    void abortJob(long jobId) {
        byTask.entrySet().removeIf(e -> {
            if (e.getValue().jobId != jobId) {
                return false;
            }
            fail(e.getValue(), new ShmkitException("job=" + jobId + " cancelled"));
            return true;
        });
    }

    private void fail(Incoming in, RuntimeException e) {
        closeChannel(in);
        delete(in);
        in.done.completeExceptionally(e);
    }

    private static void closeChannel(Incoming in) {
        FileChannel c = in.channel;
        in.channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a file we are about to use or delete
            }
        }
    }

    private static void delete(Incoming in) {
        if (in.file != null) {
            try {
                Files.deleteIfExists(in.file);
            } catch (IOException ignored) {
                // the space's sweep removes it once this worker is gone
            }
        }
    }
}
