package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Reservation;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Tablesaw {@link Table} as an Arrow IPC file (layout in {@link ArrowFileDescriptor}):
 * one record batch, dictionary-encoded strings, 64-byte aligned uncompressed buffers, nulls as
 * validity bitmaps. The file's size is computed first and reserved on the device before any
 * byte is written, so a full device fails up front with
 * {@link dev.shmkit.memory.SpaceFullException}.
 *
 * <p>Missing values follow Tablesaw: a double/float NaN, {@code Integer.MIN_VALUE} in an int
 * column (and so on), an empty string, a missing date are all written as Arrow nulls.
 */
public final class ArrowTableWriter {
    private ArrowTableWriter() {
    }

    /**
     * Writes {@code table} to {@code file} (created or truncated).
     *
     * @param customMetadata added to the schema's custom metadata next to {@code shmkit.format=1}
     * @return the number of bytes written (the file's length)
     * @throws dev.shmkit.memory.SpaceFullException when the device cannot hold the file
     */
    public static long write(Table table, Path file, Map<String, String> customMetadata) {
        checkUniqueNames(table);
        return write(table, file, customMetadata, ArrowFileDescriptor.FORMAT_VERSION);
    }

    /** Writes with a chosen {@code shmkit.format} (tests write versions from the future). */
    static long write(Table table, Path file, Map<String, String> customMetadata, int formatVersion) {
        List<EncodedColumn> columns = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            columns.add(ColumnEncoder.encode(table.column(i), i));
        }
        Map<String, String> metadata = new LinkedHashMap<>(customMetadata);
        metadata.put(ArrowFileDescriptor.FORMAT_KEY, Integer.toString(formatVersion));
        FilePlan plan = FilePlan.of(table.rowCount(), columns, metadata);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Reservation.reserve(file, plan.totalLength());
            plan.writeTo(ch);
        } catch (IOException e) {
            throw Reservation.fullOrRethrow(file, plan.totalLength(), e);
        }
        return plan.totalLength();
    }

    /** A Tablesaw column renamed after it joined its table can repeat a name; readers would refuse the file. */
    private static void checkUniqueNames(Table table) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < table.columnCount(); i++) {
            Integer first = seen.putIfAbsent(table.column(i).name(), i);
            if (first != null) {
                throw new ShmkitException("table '" + table.name() + "': column name '" + table.column(i).name()
                        + "' appears twice (columns " + first + " and " + i + "); rename one (column.setName) before publishing");
            }
        }
    }

    /** Writes {@code table} with no extra metadata. */
    public static long write(Table table, Path file) {
        return write(table, file, Map.of());
    }
}
