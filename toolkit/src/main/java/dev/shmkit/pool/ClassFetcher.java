package dev.shmkit.pool;

import java.io.IOException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Asks the parent for a class's bytes over the control channel and waits for the answer that
 * the worker's reader thread hands over. Requests are serialized: one outstanding at a time.
 */
final class ClassFetcher {
    /** Status byte of a {@link Frame#CLASS_BYTES} answer. */
    static final byte FOUND = 0;
    static final byte NOT_FOUND = 1;
    static final byte UNREADABLE = 2;
    /** A parent that does not answer in this time is gone or wedged. */
    private static final long ANSWER_TIMEOUT_S = 60;

    private final FrameChannel channel;
    private final SynchronousQueue<Frame> answers = new SynchronousQueue<>();
    private final FrameBuilder out = new FrameBuilder();

    ClassFetcher(FrameChannel channel) {
        this.channel = channel;
    }

    synchronized byte[] fetch(long sessionId, String name) throws ClassNotFoundException {
        try {
            synchronized (channel.writeLock()) {
                out.begin(Frame.CLASS_REQUEST).putLong(sessionId).putString(name).end();
                channel.write(out);
            }
            Frame answer = answers.poll(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
            if (answer == null) {
                throw new ClassNotFoundException(name + ": parent did not answer within " + ANSWER_TIMEOUT_S + " s");
            }
            answer.getString();
            byte status = answer.getByte();
            byte[] payload = answer.getBytes();
            if (status == FOUND) {
                return payload;
            }
            String why = status == UNREADABLE ? new String(payload, java.nio.charset.StandardCharsets.UTF_8)
                    : "not on the worker class path and not served by the parent session=" + sessionId;
            throw new ClassNotFoundException(name + ": " + why);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": control channel failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + ": interrupted while waiting for the parent");
        }
    }

    /** Called by the reader thread with a {@link Frame#CLASS_BYTES} frame. */
    void answer(Frame frame) throws InterruptedException {
        if (!answers.offer(frame, ANSWER_TIMEOUT_S, TimeUnit.SECONDS)) {
            System.err.println("shmkit worker: dropped an unrequested class answer");
        }
    }
}
