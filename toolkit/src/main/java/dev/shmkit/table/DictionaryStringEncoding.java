package dev.shmkit.table;

import com.google.flatbuffers.FlatBufferBuilder;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Utf8;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.DictionaryMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tablesaw string column as an Arrow Utf8 column dictionary-encoded with Int32 indices. Uses
 * Tablesaw's own dictionary codes, renumbered densely in order of first appearance; missing rows
 * (Tablesaw's empty string) become nulls.
 */
final class DictionaryStringEncoding extends EncodedColumn {
    private final int[] indices;
    private final DictionaryValues dictionary;

    DictionaryStringEncoding(StringColumn c, long dictionaryId) {
        super(c.name(), c.size(), c::isMissing);
        DictionaryMap map = c.getDictionary();
        indices = new int[rows];
        Int2IntOpenHashMap dense = new Int2IntOpenHashMap();
        dense.defaultReturnValue(-1);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (validity != null && (validity[i >>> 3] & (1 << (i & 7))) == 0) {
                continue; // index 0 for nulls
            }
            int key = map.getKeyForIndex(i);
            int index = dense.get(key);
            if (index < 0) {
                index = values.size();
                dense.put(key, index);
                values.add(map.getValueForKey(key).getBytes(StandardCharsets.UTF_8));
            }
            indices[i] = index;
        }
        dictionary = new DictionaryValues(dictionaryId, values);
    }

    @Override
    byte typeType() {
        return Type.Utf8;
    }

    @Override
    int type(FlatBufferBuilder b) {
        Utf8.startUtf8(b);
        return Utf8.endUtf8(b);
    }

    @Override
    DictionaryValues dictionary() {
        return dictionary;
    }

    @Override
    long[] valueBufferLengths() {
        return new long[] {4L * rows};
    }

    @Override
    Object valueBuffer(int index) {
        return indices;
    }
}
