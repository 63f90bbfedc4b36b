package dev.shmkit.job;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Copy-mode input of a table task: the range, and the table file whose bytes the backend streams
 * to the worker with the task (in bounded slices, never as one array). The worker receives them
 * into a private file ({@link TaskContext#receivedCopy()}) that lives for this one task.
 *
 * @param range rows of the task
 * @param file  absolute path of the table file in the parent
 * @param bytes the file's length
 */
public record TableCopy(RowRange range, String file, long bytes) implements StreamedInput, Serializable {
    /** Name of the directory of a space where private temporary files live (swept by the space). */
    public static final String TMP_DIR = ".tmp";

    @Override
    public String streamFile() {
        return file;
    }

    @Override
    public long streamBytes() {
        return bytes;
    }

    @Override
    public String receiveDirectory() {
        return Path.of(file).toAbsolutePath().getParent().resolve(TMP_DIR).toString();
    }
}
