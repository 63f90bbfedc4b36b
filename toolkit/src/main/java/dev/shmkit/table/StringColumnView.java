package dev.shmkit.table;

import dev.shmkit.MappedFaults;
import dev.shmkit.SegmentFormatException;
import dev.shmkit.memory.Mapping;
import tech.tablesaw.api.StringColumn;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A mapped STRING column: Arrow Utf8 or LargeUtf8, plain or dictionary-encoded. Values are decoded
 * from UTF-8 on each {@code get}; a dictionary's values are decoded once and kept.
 */
public final class StringColumnView extends ColumnView {
    private volatile String[] decodedDictionary;

    StringColumnView(Mapping mapping, ColumnLayout layout, int base, int size) {
        super(mapping, layout, base, size);
    }

    /** A proxy view: every read is a request through {@code reads}. */
    StringColumnView(ColumnLayout layout, int base, int size, ColumnReads reads) {
        super(null, layout, base, size, reads);
    }

    /** Value at {@code row}; "" when missing, as in Tablesaw (which cannot tell "" from missing). */
    public String get(int row) {
        if (reads != null) {
            Objects.checkIndex(row, size);
            return reads.getString(name(), base + row);
        }
        try {
            Objects.checkIndex(row, size);
            if (!lengthChecked) {
                checkNotTruncated();
                lengthChecked = true;
            }
            long a = mapping.address();
            if (isNull(a, base + row)) {
                return "";
            }
            if (layout.dictionary != null) {
                long index = BatchReader.read(valueAddress(a, row), layout.width);
                String[] d = dictionary();
                if (index < 0 || index >= d.length) {
                    throw changed("row=" + row + " dictionary index=" + index + " outside [0, " + d.length + ")");
                }
                return d[(int) index];
            }
            return decode(a, layout, base + row, this);
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    private String[] dictionary() {
        String[] d = decodedDictionary;
        if (d == null) {
            ColumnLayout dl = layout.dictionary;
            long a = mapping.address();
            d = new String[dl.rows];
            for (int i = 0; i < d.length; i++) {
                d[i] = decode(a, dl, i, this);
            }
            decodedDictionary = d;
        }
        return d;
    }

    /**
     * Value {@code row} of a Utf8 array. The offsets were validated at open, but the file may have
     * changed since: they are checked again against the data buffer (two compares per value)
     * before any byte is copied, so a rewritten offset cannot make the copy leave the mapping.
     */
    private static String decode(long a, ColumnLayout l, long row, StringColumnView view) {
        long start = BatchReader.read(a + l.values + row * l.width, l.width);
        long end = BatchReader.read(a + l.values + (row + 1) * l.width, l.width);
        if (start < 0 || end < start || end > l.dataLength) {
            throw view.changed((l == view.layout ? "row=" : "dictionary entry=") + row + " string offsets start="
                    + start + " end=" + end + " outside the data buffer [0, " + l.dataLength + "]");
        }
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        Mem.copyToArray(a + l.data + start, bytes, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the file's length was compared with the mapping's, once, before this view's first read. */
    private boolean lengthChecked;

    /**
     * Refuses to decode from a file that is now shorter than its mapping. A SIGBUS while HotSpot 17 runs
     * C2-compiled decoding can crash its signal handler ({@code Assembler::locate_operand}) instead of
     * raising an error, so a truncation that happened before a view's first read is caught here, by one stat; one that
     * races the reads themselves is not (a JDK 17 bug; see README's guarantees).
     */
    private void checkNotTruncated() {
        long now;
        try {
            now = java.nio.file.Files.size(mapping.path());
        } catch (java.io.IOException e) {
            return; // unlinked or retired (moved): the mapping keeps its pages, nothing was truncated
        }
        if (now < mapping.length()) {
            throw changed("file length now=" + now + " < mapped length=" + mapping.length() + " (truncated)");
        }
    }

    private SegmentFormatException changed(String detail) {
        return MappedFaults.changed(mapping.path(), "column '" + name() + "'", detail, null);
    }

    @Override
    StringColumn copy(int from, int to) {
        if (reads != null) {
            return copyThroughReads(from, to);
        }
        try {
            Objects.checkFromToIndex(from, to, size);
            StringColumn c = StringColumn.create(name());
            for (int i = from; i < to; i++) {
                if (isMissing(i)) {
                    c.appendMissing();
                } else {
                    c.append(get(i));
                }
            }
            return c;
        } catch (InternalError e) {
            throw faulted(e);
        }
    }

    /** A proxy view's copy: the values fetched in batches ("" is missing, as in Tablesaw). */
    private StringColumn copyThroughReads(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        StringColumn c = StringColumn.create(name());
        inBatches(from, to, (f, t) -> {
            for (String v : reads.strings(name(), base + f, base + t)) {
                if (v.isEmpty()) {
                    c.appendMissing();
                } else {
                    c.append(v);
                }
            }
        });
        return c;
    }
}
