package dev.shmkit.table;

import com.google.flatbuffers.FlatBufferBuilder;
import org.apache.arrow.flatbuf.Bool;
import org.apache.arrow.flatbuf.Type;
import tech.tablesaw.api.BooleanColumn;


/** A Tablesaw boolean column as a bit-packed Arrow Bool array. */
final class BooleanEncoding extends EncodedColumn {
    private final byte[] bits;

    BooleanEncoding(BooleanColumn c) {
        super(c.name(), c.size(), c::isMissing);
        bits = new byte[(int) ArrowFileDescriptor.bitmapLength(rows)];
        for (int i = 0; i < rows; i++) {
            if (c.getByte(i) == 1) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
    }

    @Override
    byte typeType() {
        return Type.Bool;
    }

    @Override
    int type(FlatBufferBuilder b) {
        Bool.startBool(b);
        return Bool.endBool(b);
    }

    @Override
    long[] valueBufferLengths() {
        return new long[] {bits.length};
    }

    @Override
    Object valueBuffer(int index) {
        return bits;
    }
}
