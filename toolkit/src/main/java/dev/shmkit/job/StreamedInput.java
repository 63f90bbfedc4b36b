package dev.shmkit.job;

/**
 * A task input that travels with a file's bytes: a backend sends the input itself (small) and
 * streams the file, in bounded slices, into a private file under {@link #receiveDirectory()} on
 * the worker's side (see {@link TaskContext#receivedCopy()}). Backends see only this interface, so
 * what names the file (a path today, a segment id later) is the input's business.
 */
public interface StreamedInput {
    /** Absolute path of the file whose bytes are sent, in the parent. */
    String streamFile();

    /** Bytes to send (the file's length when the job was built). */
    long streamBytes();

    /**
     * Directory the worker receives the copy into: the {@code .tmp/} of the table's space, so that
     * the space's sweep removes the copy of a worker that was killed mid-task.
     */
    String receiveDirectory();

    /**
     * Keeps the file's bytes as they are while they are streamed, until the hold is closed: a space may
     * recycle the file of a version that no process maps (its pages overwritten by the next publish),
     * so a reader that opens the file without mapping it must map the version first. Open the file only
     * while holding it.
     *
     * @throws RuntimeException when the version is gone (removed, and nobody maps it)
     */
    default Hold hold() {
        return () -> { };
    }

    /** What {@link #hold()} returns; closing it releases the hold. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }
}
