package dev.shmkit.job;

import dev.shmkit.table.SharedTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a {@link RowTask} on a table. Shared mode: the input is a {@link RowRange}; the worker maps
 * the segment once (the first task pays the attach time) and keeps it. Copy mode: the input is a
 * {@link TableCopy} carrying the whole file, which the worker writes to a private temporary file
 * and maps for this one task — the cost of passing a big object with every task.
 */
public final class TableRunner<R> implements ChunkRunner {
    private static final long serialVersionUID = 1L;
    /** Name prefix of copy-mode files; the worker's pid follows, so a sweep can tell whose they are. */
    public static final String COPY_PREFIX = "shmkit-copy-";
    private final RowTask<R> task;
    private final String path;
    private final String version;

    /** {@code version} distinguishes rewrites of the same path (length and modification time). */
    public TableRunner(RowTask<R> task, String path, String version) {
        this.task = task;
        this.path = path;
        this.version = version;
    }

    @Override
    public Object run(Object input, TaskContext context) throws Exception {
        if (input instanceof TableCopy copy) {
            return runOnCopy(copy, context);
        }
        RowRange range = (RowRange) input;
        SharedTable table = context.cached("table:" + path + "@" + version, () -> SharedTable.open(Path.of(path)));
        if (table.rowCount() > 0) {
            context.addBytesMapped(table.mappedBytes() * range.size() / table.rowCount());
        }
        return task.apply(table, range);
    }

    /** Removes copy-mode files left by workers that were killed mid-task (their pid no longer runs). */
    public static void sweepCopies() {
        Path dir = copyDir();
        try (var files = Files.newDirectoryStream(dir, COPY_PREFIX + "*.arrow")) {
            for (Path f : files) {
                String rest = f.getFileName().toString().substring(COPY_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover file costs tmpfs space, not correctness
        }
    }

    private static Path copyDir() {
        return Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private Object runOnCopy(TableCopy copy, TaskContext context) throws Exception {
        long t0 = System.nanoTime();
        Path dir = copyDir();
        Path file = Files.createTempFile(dir, COPY_PREFIX + ProcessHandle.current().pid() + "-", ".arrow");
        try {
            Files.write(file, copy.arrowFile());
            context.addBytesCopied(copy.arrowFile().length);
            try (SharedTable table = SharedTable.open(file)) {
                context.addAttachNanos(System.nanoTime() - t0);
                return task.apply(table, copy.range());
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("removing the task's copy file=" + file, e);
            }
        }
    }
}
