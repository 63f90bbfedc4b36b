package dev.shmkit.table;

import dev.shmkit.ShmkitException;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.memory.MappedWrites;
import dev.shmkit.memory.Mapping;
import dev.shmkit.memory.Reservation;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Writes a Tablesaw {@link Table} as an Arrow IPC file (layout in {@link ArrowFileDescriptor}):
 * one record batch, dictionary-encoded strings, 64-byte aligned uncompressed buffers, nulls as
 * validity bitmaps. The file's size is computed first and checked against the device's free space
 * before any byte is written, so a full device fails up front with
 * {@link dev.shmkit.memory.SpaceFullException} (a file written through a mapping is also reserved with
 * {@code fallocate}, so no page of it can fault). A big table's buffers are then copied once, from
 * Tablesaw's arrays straight into a mapping of the file, by every core ({@link MappedWrites}, which maps
 * the allocated pages in one call per range instead of faulting them in one by one), when the device's
 * pages are huge or the file is a recycled one whose pages hold data already; other files are written with
 * positional writes through staging buffers ({@code StagingSink}, pipelined from 32 MiB on).
 *
 * <p>Missing values follow Tablesaw: a double/float NaN, {@code Integer.MIN_VALUE} in an int
 * column (and so on), an empty string, a missing date are all written as Arrow nulls.
 */
public final class ArrowTableWriter {
    /**
     * Files from this size on may be written through a mapping, in parallel ({@link #directPages}); smaller
     * ones with positional writes, which cost less than mapping and unmapping a file for a few pages.
     */
    static final long DIRECT_MIN_BYTES = 1L << 20;
    /**
     * Columns whose last write had missing values (weakly held; Tablesaw's do not override
     * equals or hashCode, so by identity): the next write scans them before planning instead of finding
     * out during the copy and writing again. Only a hint: the scan decides, and a column scanned clean
     * leaves the map.
     */
    private static final Map<Column<?>, Boolean> HAD_MISSING = Collections.synchronizedMap(new WeakHashMap<>());

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
        return write(table.name(), table.columns(), file, customMetadata);
    }

    /**
     * Writes {@code columns} (all of one length) as a table, without a Tablesaw {@link Table}: loading
     * that class scans the class path for readers and writers (about 1.4 s of CPU), which a worker that
     * only writes its warm-up table need not pay.
     *
     * @param name the table's name, for messages
     */
    public static long write(String name, List<? extends Column<?>> columns, Path file, Map<String, String> customMetadata) {
        checkUniqueNames(name, columns);
        return write(columns, file, customMetadata, ArrowFileDescriptor.FORMAT_VERSION);
    }

    /** Writes with a chosen {@code shmkit.format} (tests write versions from the future). */
    static long write(Table table, Path file, Map<String, String> customMetadata, int formatVersion) {
        return write(table.columns(), file, customMetadata, formatVersion);
    }

    /**
     * Plans double, float, int and long columns as if they had no missing value and checks their values
     * while copying them (no separate scan: it read 320 MB once more, ~30 ms); when one turns up, the copy
     * stops and the file is planned again, those columns scanned (the old way), and written again.
     */
    private static long write(List<? extends Column<?>> source, Path file, Map<String, String> customMetadata,
                              int formatVersion) {
        return write(source, file, customMetadata, formatVersion, plan -> directPages(plan, file));
    }

    /**
     * As above, with the write path chosen per plan by {@code direct} (tests take both). A column found
     * with missing values is scanned first the next times it is written ({@link #HAD_MISSING}), so
     * republishing a table with NaNs costs what it did before, not that plus a copy thrown away.
     */
    static long write(List<? extends Column<?>> source, Path file, Map<String, String> customMetadata,
                      int formatVersion, Function<FilePlan, DevicePages> direct) {
        boolean check = MappedWrites.nativeLittleEndian();
        FilePlan plan = plan(source, customMetadata, formatVersion, i -> check && !HAD_MISSING.containsKey(source.get(i)));
        long written = write(plan, file, direct.apply(plan));
        if (plan.missingFound()) {
            plan = plan(source, customMetadata, formatVersion, i -> false);
            written = write(plan, file, direct.apply(plan));
        }
        for (int i = 0; i < source.size(); i++) { // every column: the hint matters only to those encode checks
            if (plan.hasMissing(i)) {
                HAD_MISSING.put(source.get(i), Boolean.TRUE);
            } else {
                HAD_MISSING.remove(source.get(i));
            }
        }
        return written;
    }

    /** Whether the next write plans {@code column} after scanning it (its last write had missing values). */
    static boolean scansFirst(Column<?> column) {
        return HAD_MISSING.containsKey(column);
    }

    /**
     * The device's pages when {@code plan}'s file is to be written through a mapping, else null: when it is big
     * enough and its pages are huge, or already written (a recycled spare holding at least half of it). Fresh
     * 4 KiB pages go to positional writes: a mapping has each one zeroed as it is populated and then copies over
     * it, where {@code pwrite} fills it once (the first 320 MB publish of a process took 0.84-0.94 s mapped against
     * 0.40-0.42 s with {@code pwrite}, {@code bench space} alternated, loaded machine; equal later in the process).
     */
    private static DevicePages directPages(FilePlan plan, Path file) {
        if (plan.totalLength() < DIRECT_MIN_BYTES) {
            return null;
        }
        DevicePages pages = DevicePages.of(file.toAbsolutePath().getParent());
        return pages.huge() || file.toFile().length() >= plan.totalLength() / 2 ? pages : null;
    }

    /**
     * Writes the planned file: through a mapping when {@code direct} is the device's pages (and the
     * platform is little-endian), else with positional writes.
     */
    static long write(FilePlan plan, Path file, DevicePages direct) {
        long total = plan.totalLength();
        // Never truncated to zero: a recycled spare's allocated pages are overwritten (every byte, padding
        // included, either way), only what lies past the new end is cut.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // a read-write mapping covers whole pages: allocate them all, cut to the exact length once unmapped
            boolean mapped = direct != null && MappedWrites.nativeLittleEndian();
            long allocate = mapped ? Mapping.readWriteLength(file, total) : total;
            if (ch.size() > allocate) {
                ch.truncate(allocate);
            }
            // fallocate only for a mapping, where a missing page would fault; pwrite reports ENOSPC itself
            if (mapped && Reservation.reserve(file, allocate)) {
                plan.writeMetadataTo(ch);
                writeBodies(plan, file);
                if (allocate != total) {
                    ch.truncate(total);
                }
            } else {
                // small, fresh 4 KiB pages, or no fallocate (pwrite reports ENOSPC where a mapping would fault)
                if (!mapped) {
                    Reservation.checkFree(file, total);  // an early, clear error; no native bindings loaded
                }
                plan.writeTo(ch);
            }
        } catch (IOException e) {
            throw Reservation.fullOrRethrow(file, total, e);
        }
        return total;
    }

    /** Every offset of the file {@code source} is written as (tests write it both ways and compare), all columns scanned. */
    static FilePlan plan(List<? extends Column<?>> source, Map<String, String> customMetadata, int formatVersion) {
        return plan(source, customMetadata, formatVersion, i -> false);
    }

    /**
     * @param checkMissingWhileWriting which columns (by index) to plan without a bitmap, unscanned, and check
     *                                 while written, if double/float/int/long ({@link FilePlan#missingFound()})
     */
    static FilePlan plan(List<? extends Column<?>> source, Map<String, String> customMetadata, int formatVersion,
                         IntPredicate checkMissingWhileWriting) {
        List<EncodedColumn> columns = new ArrayList<>();
        int rows = source.isEmpty() ? 0 : source.get(0).size();
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).size() != rows) {
                throw new ShmkitException("column '" + source.get(i).name() + "': rows=" + source.get(i).size()
                        + " != rows=" + rows + " of column '" + source.get(0).name() + "'; a table's columns have one length");
            }
            columns.add(ColumnEncoder.encode(source.get(i), i, checkMissingWhileWriting.test(i)));
        }
        Map<String, String> metadata = new LinkedHashMap<>(customMetadata);
        metadata.put(ArrowFileDescriptor.FORMAT_KEY, Integer.toString(formatVersion));
        return FilePlan.of(rows, columns, metadata);
    }

    /**
     * Copies the buffers straight into a read-write mapping of the allocated file, over all cores (no
     * staging copy), checking the columns planned unscanned for missing values; unmapped on return.
     */
    private static void writeBodies(FilePlan plan, Path file) {
        try (Mapping m = Mapping.readWrite(file)) {
            plan.bodiesCopied(MappedWrites.copy(m, plan.bodyPieces()));
        }
    }

    /** A Tablesaw column renamed after it joined its table can repeat a name; readers would refuse the file. */
    private static void checkUniqueNames(String table, List<? extends Column<?>> columns) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer first = seen.putIfAbsent(columns.get(i).name(), i);
            if (first != null) {
                throw new ShmkitException("table '" + table + "': column name '" + columns.get(i).name()
                        + "' appears twice (columns " + first + " and " + i + "); rename one (column.setName) before publishing");
            }
        }
    }

    /** Writes {@code table} with no extra metadata. */
    public static long write(Table table, Path file) {
        return write(table, file, Map.of());
    }
}
