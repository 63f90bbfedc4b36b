package dev.shmkit.table;

import java.util.List;

/** The distinct strings of a dictionary-encoded column as an Arrow Utf8 array (offsets + bytes). */
final class DictionaryValues {
    final long id;
    final int[] offsets;
    final byte[] data;
    final int size;

    DictionaryValues(long id, List<byte[]> values) {
        this.id = id;
        this.size = values.size();
        this.offsets = new int[size + 1];
        int total = 0;
        for (int i = 0; i < size; i++) {
            offsets[i] = total;
            total = Math.addExact(total, values.get(i).length);
        }
        offsets[size] = total;
        this.data = new byte[total];
        for (int i = 0; i < size; i++) {
            byte[] v = values.get(i);
            System.arraycopy(v, 0, data, offsets[i], v.length);
        }
    }

    long[] bufferLengths() {
        return new long[] {0, 4L * (size + 1), data.length};
    }

    /** Buffer {@code index} as an array whose first {@code bufferLengths()[index]} bytes it is (none for 0). */
    Object buffer(int index) {
        return index == 1 ? offsets : index == 2 ? data : null;
    }
}
