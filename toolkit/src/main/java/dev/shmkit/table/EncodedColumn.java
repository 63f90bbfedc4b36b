package dev.shmkit.table;

import com.google.flatbuffers.FlatBufferBuilder;

import java.util.function.IntPredicate;

/**
 * One Tablesaw column prepared for writing: its Arrow type, validity bitmap (absent when no row is
 * missing) and value buffers, whose lengths are known before anything is written.
 */
abstract class EncodedColumn {
    final String name;
    final int rows;
    /** Validity bitmap (bit set = present), or null when no row is missing. */
    final byte[] validity;
    final long nullCount;

    /** @param missing which rows are missing, or null when none is (checked beforehand by a fast scan) */
    EncodedColumn(String name, int rows, IntPredicate missing) {
        this.name = name;
        this.rows = rows;
        byte[] bits = null;
        long nulls = 0;
        for (int i = 0; missing != null && i < rows; i++) {
            if (missing.test(i)) {
                if (bits == null) {
                    bits = new byte[(int) ArrowFileDescriptor.bitmapLength(rows)];
                    for (int j = 0; j < i; j++) {
                        bits[j >>> 3] |= (byte) (1 << (j & 7));
                    }
                }
                nulls++;
            } else if (bits != null) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        this.validity = bits;
        this.nullCount = nulls;
    }

    /** {@code org.apache.arrow.flatbuf.Type} of the field. */
    abstract byte typeType();

    /** Builds the type table; returns its offset. */
    abstract int type(FlatBufferBuilder b);

    /** Dictionary of a dictionary-encoded column, or null. */
    DictionaryValues dictionary() {
        return null;
    }

    /**
     * Whether this column was planned without a bitmap although it may hold a missing value (its value buffer is
     * then checked while it is written; see {@link PrimitiveEncoding#missingUnchecked}).
     */
    boolean missingUnchecked() {
        return false;
    }

    /** Lengths in bytes of the buffers after validity (unpadded). */
    abstract long[] valueBufferLengths();

    /**
     * Value buffer {@code index} as a primitive array whose first {@code valueBufferLengths()[index]}
     * bytes, in little-endian order, are the buffer (unpadded).
     */
    abstract Object valueBuffer(int index);

    long validityLength() {
        return validity == null ? 0 : validity.length;
    }
}
