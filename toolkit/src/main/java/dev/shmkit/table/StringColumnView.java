package dev.shmkit.table;

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

    /** Value at {@code row}; "" when missing, as in Tablesaw (which cannot tell "" from missing). */
    public String get(int row) {
        Objects.checkIndex(row, size);
        long a = mapping.address();
        if (isNull(a, base + row)) {
            return "";
        }
        if (layout.dictionary != null) {
            int index = (int) BatchReader.read(valueAddress(a, row), layout.width);
            return dictionary()[index];
        }
        return decode(a, layout, base + row);
    }

    private String[] dictionary() {
        String[] d = decodedDictionary;
        if (d == null) {
            ColumnLayout dl = layout.dictionary;
            long a = mapping.address();
            d = new String[dl.rows];
            for (int i = 0; i < d.length; i++) {
                d[i] = decode(a, dl, i);
            }
            decodedDictionary = d;
        }
        return d;
    }

    private static String decode(long a, ColumnLayout l, long row) {
        long start = BatchReader.read(a + l.values + row * l.width, l.width);
        long end = BatchReader.read(a + l.values + (row + 1) * l.width, l.width);
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        Mem.U.copyMemory(null, a + l.data + start, bytes, Mem.U.arrayBaseOffset(byte[].class), bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    StringColumn copy(int from, int to) {
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
    }
}
