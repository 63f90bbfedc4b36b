package dev.shmkit.table;

import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.IntStream;

/**
 * A table read zero-copy from a mapped Arrow IPC file. {@link #open} validates the whole file,
 * so later reads need no checks; typed column views read the mapped pages directly and
 * {@link #slice} narrows the rows without copying. Only {@link #copyToTable} copies.
 *
 * <p>A table attached by {@link SegmentId} knows its {@link #id()}; views of the same version in one
 * process share one mapping. Closing the table releases its handle on the mapping (idempotent; the
 * file is unmapped when no view of that version is left open in this process); views and slices
 * of it are then unusable. Closing a slice does nothing: the table it came from owns the handle. A
 * table that becomes unreachable without being closed is released by a cleaner.
 */
public final class SharedTable implements AutoCloseable {
    /** Below this many cells a copy is too short for threads to pay for their hand-off. */
    private static final long PARALLEL_COPY_CELLS = 1L << 20;

    private final Mapping mapping;
    private final TableLayout layout;
    private final SegmentId id;
    private final int from;
    private final int rows;
    private final boolean owner;
    /** Proxy mode: where every column read goes, and the table's name in messages; null for a mapped table. */
    private final ColumnReads reads;
    private final String proxyLabel;
    private volatile boolean proxyClosed;

    private SharedTable(Mapping mapping, TableLayout layout, SegmentId id, int from, int rows, boolean owner) {
        this(mapping, layout, id, from, rows, owner, null, null);
    }

    private SharedTable(Mapping mapping, TableLayout layout, SegmentId id, int from, int rows, boolean owner,
                        ColumnReads reads, String proxyLabel) {
        this.mapping = mapping;
        this.layout = layout;
        this.id = id;
        this.from = from;
        this.rows = rows;
        this.owner = owner;
        this.reads = reads;
        this.proxyLabel = proxyLabel;
    }

    /**
     * A proxy table: nothing is mapped; every column read is a call on {@code reads} (a request to the
     * process that holds the table, in proxy mode). The schema is given: {@code columns} maps each name,
     * in order, to its Tablesaw type name ({@code "DOUBLE"}, ...). Columns of type DOUBLE, LONG, INTEGER
     * and STRING can be viewed and copied; asking for a view of another type fails with the fix.
     *
     * @param id    the version the holder answers from (for messages and {@link #id()})
     * @param label the table's name in messages, e.g. "big.v3 (proxy)"
     */
    public static SharedTable proxy(SegmentId id, String label, Map<String, String> columns, int rows, ColumnReads reads) {
        List<ColumnLayout> cols = new ArrayList<>();
        for (Map.Entry<String, String> c : columns.entrySet()) {
            cols.add(ProxyLayouts.column(c.getKey(), ColumnType.valueOf(c.getValue()), rows));
        }
        return new SharedTable(null, new TableLayout(cols, Map.of(), rows), id, 0, rows, true,
                Objects.requireNonNull(reads, "reads"), label);
    }

    /** Whether this is a proxy table ({@link #proxy}): its reads are requests, nothing is mapped. */
    public boolean isProxy() {
        return reads != null;
    }

    /** Column names in order and their Tablesaw type names: the schema {@link #proxy} takes. */
    public Map<String, String> schema() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (ColumnLayout c : layout.columns()) {
            m.put(c.name, c.tablesawType().name());
        }
        return m;
    }

    /**
     * Maps and validates an Arrow IPC file (written by shmkit or any other Arrow writer). A segment
     * file of a space ({@code big.v3.p4121.arrow}) is attached by its id, derived from the name, as
     * {@link #attach} does; any other Arrow file gets a mapping of its own and a null {@link #id()}.
     *
     * @throws dev.shmkit.SegmentFormatException when the file is not a readable Arrow file
     * @throws dev.shmkit.memory.MissingFileException when a file that is not a space segment does not exist
     * @throws dev.shmkit.segment.SegmentNotFoundException when a space segment exists neither there nor retired
     */
    public static SharedTable open(Path file) {
        SegmentFile f = SegmentFile.parse(file);
        if (f != null) {
            // A space segment: shared, given back like one, and still found once retired by a newer version.
            return attach(LocalSegmentSource.get(), f.id());
        }
        return over(Mapping.readOnly(file), null);
    }

    /**
     * Attaches exactly version {@code id} through {@code source} (zero-copy). In one process, views of
     * the same version share one mapping.
     *
     * @throws dev.shmkit.segment.SegmentNotFoundException when that version no longer exists
     * @throws dev.shmkit.SegmentFormatException when the file is not a readable Arrow file
     */
    public static SharedTable attach(SegmentSource source, SegmentId id) {
        return over(source.map(id), id);
    }

    /** A table over {@code mapping} (its owner from now on: closed here on failure). */
    private static SharedTable over(Mapping mapping, SegmentId id) {
        try {
            TableLayout layout = ArrowFileParser.parse(mapping);
            return new SharedTable(mapping, layout, id, 0, layout.rows(), true);
        } catch (RuntimeException e) {
            mapping.close();
            throw e;
        }
    }

    /**
     * The version this table is, or null for an Arrow file that is not a space segment (opened by
     * path). Slices have the id of the table they were cut from.
     */
    public SegmentId id() {
        return id;
    }

    /** Whether this view covers every row of its file (false for a proper slice). */
    public boolean isWhole() {
        return from == 0 && rows == layout.rows();
    }

    /** The mapped file; null for a proxy table. */
    public Path path() {
        return mapping == null ? null : mapping.path();
    }

    /** The schema's custom metadata (including {@code shmkit.format} for shmkit files). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(layout.metadata());
    }

    /** Rows in this table (or slice). */
    public int rowCount() {
        return rows;
    }

    public int columnCount() {
        return layout.columns().size();
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (ColumnLayout c : layout.columns()) {
            names.add(c.name);
        }
        return names;
    }

    /** The Tablesaw type column {@code name} reads as. */
    public ColumnType columnType(String name) {
        return column(name).tablesawType();
    }

    /** Bytes of the whole mapped file (shared by all slices); 0 for a proxy table. */
    public long mappedBytes() {
        return mapping == null ? 0 : mapping.length();
    }

    public DoubleColumnView doubleColumn(String name) {
        return view(name, ColumnType.DOUBLE, DoubleColumnView::new);
    }

    public FloatColumnView floatColumn(String name) {
        return view(name, ColumnType.FLOAT, FloatColumnView::new);
    }

    public IntColumnView intColumn(String name) {
        return view(name, ColumnType.INTEGER, IntColumnView::new);
    }

    /** An int16 column, or an int8 column widened. */
    public ShortColumnView shortColumn(String name) {
        return view(name, ColumnType.SHORT, ShortColumnView::new);
    }

    public LongColumnView longColumn(String name) {
        return view(name, ColumnType.LONG, LongColumnView::new);
    }

    public BooleanColumnView booleanColumn(String name) {
        return view(name, ColumnType.BOOLEAN, BooleanColumnView::new);
    }

    public StringColumnView stringColumn(String name) {
        return view(name, ColumnType.STRING, StringColumnView::new);
    }

    public DateColumnView dateColumn(String name) {
        return view(name, ColumnType.LOCAL_DATE, DateColumnView::new);
    }

    public TimeColumnView timeColumn(String name) {
        return view(name, ColumnType.LOCAL_TIME, TimeColumnView::new);
    }

    /** A timestamp column without time zone. */
    public DateTimeColumnView dateTimeColumn(String name) {
        return view(name, ColumnType.LOCAL_DATE_TIME, DateTimeColumnView::new);
    }

    /** A timestamp column with a time zone. */
    public InstantColumnView instantColumn(String name) {
        return view(name, ColumnType.INSTANT, InstantColumnView::new);
    }

    /** A view of column {@code name}, whatever its type (cast it, or use the typed accessors). */
    public ColumnView anyColumn(String name) {
        return viewOf(column(name));
    }

    /** Rows [from, to) as a table sharing this mapping (no copy). */
    public SharedTable slice(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        return new SharedTable(mapping, layout, id, from + fromRow, toRow - fromRow, false, reads, proxyLabel);
    }

    /** Copies all rows into a new Tablesaw table named after the file with " (copy)". */
    public Table copyToTable() {
        return copyToTable(0, rows);
    }

    /**
     * Copies rows [from, to) into a new Tablesaw table. Double, int and short columns wrap the
     * copied array without a second copy; times and timestamps are truncated to milliseconds.
     */
    public Table copyToTable(int fromRow, int toRow) {
        Objects.checkFromToIndex(fromRow, toRow, rows);
        List<ColumnLayout> layouts = layout.columns();
        Column<?>[] columns = new Column<?>[layouts.size()];
        if (mapping != null && layouts.size() > 1 && (long) (toRow - fromRow) * layouts.size() >= PARALLEL_COPY_CELLS) {
            // Mapped views only (a proxy's reads are the task's requests, counted on its thread). Each column is allocated and copied by one thread: zeroing the new array and copying into it
            // are both memory-bound per core, so columns copied side by side use every core's bandwidth.
            IntStream.range(0, columns.length).parallel()
                    .forEach(i -> columns[i] = viewOf(layouts.get(i)).copy(fromRow, toRow));
        } else {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = viewOf(layouts.get(i)).copy(fromRow, toRow);
            }
        }
        String name = (mapping == null ? proxyLabel : String.valueOf(mapping.path().getFileName())) + " (copy)";
        return Table.create(name, columns);
    }

    private ColumnView viewOf(ColumnLayout c) {
        if (reads != null) {
            return ProxyLayouts.view(c, from, rows, reads, proxyLabel);
        }
        return switch (c.tablesawType().name()) {
            case "DOUBLE" -> new DoubleColumnView(mapping, c, from, rows);
            case "FLOAT" -> new FloatColumnView(mapping, c, from, rows);
            case "INTEGER" -> new IntColumnView(mapping, c, from, rows);
            case "SHORT" -> new ShortColumnView(mapping, c, from, rows);
            case "LONG" -> new LongColumnView(mapping, c, from, rows);
            case "BOOLEAN" -> new BooleanColumnView(mapping, c, from, rows);
            case "STRING" -> new StringColumnView(mapping, c, from, rows);
            case "LOCAL_DATE" -> new DateColumnView(mapping, c, from, rows);
            case "LOCAL_TIME" -> new TimeColumnView(mapping, c, from, rows);
            case "LOCAL_DATE_TIME" -> new DateTimeColumnView(mapping, c, from, rows);
            default -> new InstantColumnView(mapping, c, from, rows);
        };
    }

    @FunctionalInterface
    private interface ViewFactory<V> {
        V create(Mapping mapping, ColumnLayout layout, int base, int size);
    }

    private <V extends ColumnView> V view(String name, ColumnType type, ViewFactory<V> factory) {
        ColumnLayout c = column(name);
        if (!c.tablesawType().equals(type)) {
            throw new NoSuchColumnException("column '" + name + "' of " + where() + " has type=" + c.tablesawType().name()
                    + ", not " + type.name() + "; columns: " + describeColumns());
        }
        if (reads != null) {
            @SuppressWarnings("unchecked")
            V v = (V) ProxyLayouts.view(c, from, rows, reads, proxyLabel);
            return v;
        }
        return factory.create(mapping, c, from, rows);
    }

    private ColumnLayout column(String name) {
        for (ColumnLayout c : layout.columns()) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        throw new NoSuchColumnException("no column '" + name + "' in " + where() + "; columns: " + describeColumns());
    }

    private String where() {
        return mapping == null ? proxyLabel : String.valueOf(mapping.path());
    }

    private String describeColumns() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (ColumnLayout c : layout.columns()) {
            j.add(c.name + ":" + c.tablesawType().name());
        }
        return j.toString();
    }

    /** Row of the file this view starts at: 0 for a whole table, {@code from} for {@code slice(from, to)}. */
    public int firstRow() {
        return from;
    }

    /** Whether the mapping under this view (or the table it was sliced from) is closed. */
    public boolean isClosed() {
        return mapping == null ? proxyClosed : mapping.isClosed();
    }

    /** Releases this table's handle on the mapping (idempotent); a no-op on slices. */
    @Override
    public void close() {
        if (mapping == null) {
            proxyClosed = owner || proxyClosed;
        } else if (owner) {
            mapping.close();
        }
    }

    @Override
    public String toString() {
        return "SharedTable[" + (id != null ? id + " " : "") + where() + ", rows=" + rows + ", columns=" + describeColumns() + "]";
    }
}
