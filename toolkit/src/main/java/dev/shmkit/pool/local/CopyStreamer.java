package dev.shmkit.pool.local;

import dev.shmkit.job.StreamedInput;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a copy-mode input's file to a worker in {@link FrameChannel#SLICE}-byte frames, straight
 * from the file to the socket: the parent never holds the table on its heap. Stops early (and
 * says so in the end frame) when the job is cancelled on that worker.
 */
final class CopyStreamer {
    /** Tries to find and open the file: a rename (retirement) can slip between the two. */
    private static final int OPEN_ATTEMPTS = 3;

    private CopyStreamer() {
    }

    static void stream(WorkerHandle w, long jobId, long taskId, StreamedInput in) {
        StreamedInput.Hold held;
        try {
            held = in.hold(); // mapped: its file cannot be recycled for another version while it is read
        } catch (RuntimeException e) {
            end(w, taskId, Frame.STREAM_ABORTED, "copy mode: " + e.getMessage());
            return;
        }
        try (held) {
            streamHeld(w, jobId, taskId, in);
        }
    }

    private static void streamHeld(WorkerHandle w, long jobId, long taskId, StreamedInput in) {
        byte status = Frame.STREAM_COMPLETE;
        String why = "";
        FileChannel file = null;
        String path = null;
        // The version may move (retired by a republish) between finding its file and opening it: look again.
        for (int attempt = 0; file == null; attempt++) {
            try {
                path = in.streamFile();
                file = FileChannel.open(Path.of(path), StandardOpenOption.READ);
            } catch (IOException | RuntimeException e) {
                if (attempt + 1 >= OPEN_ATTEMPTS) {
                    end(w, taskId, Frame.STREAM_ABORTED, "copy mode: opening file=" + path + " failed: " + e);
                    return;
                }
            }
        }
        try (FileChannel opened = file) {
            long size = opened.size();
            if (size != in.streamBytes()) {
                status = Frame.STREAM_ABORTED;
                why = "copy mode: file=" + path + " changed since the job started: length=" + size
                        + " != " + in.streamBytes() + " (republished? run the job again)";
            } else {
                for (long pos = 0; pos < size; pos += FrameChannel.SLICE) {
                    if (w.cancelled.contains(jobId) || Thread.currentThread().isInterrupted()) {
                        status = Frame.STREAM_ABORTED;
                        why = "job cancelled";
                        break;
                    }
                    w.channel().writeSlice(taskId, opened, pos, (int) Math.min(FrameChannel.SLICE, size - pos));
                }
            }
        } catch (IOException e) {
            // A slice half written leaves the stream unreadable: the worker cannot be trusted any more.
            if (w.process.isAlive()) {
                w.killReason = "streaming a copy-mode table to it failed: " + e;
                w.process.destroyForcibly();
            }
            return;
        }
        end(w, taskId, status, why);
    }

    private static void end(WorkerHandle w, long taskId, byte status, String why) {
        FrameBuilder b = new FrameBuilder();
        try {
            w.channel().write(b.begin(Frame.STREAM_END).putLong(taskId).putByte(status).putString(why).end());
        } catch (IOException ignored) {
            // the worker is gone; its death is reported by its exit
        }
    }
}
