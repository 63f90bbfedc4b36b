package dev.shmkit.table;

import com.google.flatbuffers.FlatBufferBuilder;
import org.apache.arrow.flatbuf.Date;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

import java.util.function.IntPredicate;

/** A fixed-width column written from a primitive array (Tablesaw's own, or converted temporal values). */
final class PrimitiveEncoding extends EncodedColumn {
    /** The Arrow types shmkit writes from fixed-width arrays. */
    enum Kind { INT16, INT32, INT64, FLOAT, DOUBLE, DATE_DAY, TIME_MILLI, TIMESTAMP_MILLI, TIMESTAMP_MILLI_UTC }

    private final Kind kind;
    private final Object array;
    private final int width;
    private final boolean missingUnchecked;

    PrimitiveEncoding(String name, int rows, IntPredicate missing, Kind kind, Object array) {
        this(name, rows, missing, kind, array, false);
    }

    private PrimitiveEncoding(String name, int rows, IntPredicate missing, Kind kind, Object array, boolean missingUnchecked) {
        super(name, rows, missing);
        this.kind = kind;
        this.missingUnchecked = missingUnchecked;
        this.array = array;
        this.width = switch (kind) {
            case INT16 -> 2;
            case INT32, FLOAT, DATE_DAY, TIME_MILLI -> 4;
            default -> 8;
        };
    }

    /**
     * A double, float, int or long column planned as if it had no missing value, not scanned: its
     * values are checked while they are written ({@link dev.shmkit.memory.CheckedCopy}: NaN, or
     * {@code MIN_VALUE}), and a missing one means the file must be planned again with a bitmap.
     */
    static PrimitiveEncoding missingUnchecked(String name, int rows, Kind kind, Object array) {
        if (kind != Kind.DOUBLE && kind != Kind.FLOAT && kind != Kind.INT32 && kind != Kind.INT64) {
            throw new IllegalArgumentException("missing values are checked while writing only in Tablesaw's double,"
                    + " float, int and long columns; got " + kind);
        }
        return new PrimitiveEncoding(name, rows, null, kind, array, true);
    }

    @Override
    boolean missingUnchecked() {
        return missingUnchecked;
    }

    @Override
    byte typeType() {
        return switch (kind) {
            case INT16, INT32, INT64 -> Type.Int;
            case FLOAT, DOUBLE -> Type.FloatingPoint;
            case DATE_DAY -> Type.Date;
            case TIME_MILLI -> Type.Time;
            default -> Type.Timestamp;
        };
    }

    @Override
    int type(FlatBufferBuilder b) {
        return switch (kind) {
            case INT16 -> Int.createInt(b, 16, true);
            case INT32 -> Int.createInt(b, 32, true);
            case INT64 -> Int.createInt(b, 64, true);
            case FLOAT -> FloatingPoint.createFloatingPoint(b, Precision.SINGLE);
            case DOUBLE -> FloatingPoint.createFloatingPoint(b, Precision.DOUBLE);
            case DATE_DAY -> Date.createDate(b, DateUnit.DAY);
            case TIME_MILLI -> Time.createTime(b, TimeUnit.MILLISECOND, 32);
            case TIMESTAMP_MILLI -> Timestamp.createTimestamp(b, TimeUnit.MILLISECOND, 0);
            case TIMESTAMP_MILLI_UTC -> Timestamp.createTimestamp(b, TimeUnit.MILLISECOND, b.createString("UTC"));
        };
    }

    @Override
    long[] valueBufferLengths() {
        return new long[] {(long) rows * width};
    }

    @Override
    Object valueBuffer(int index) {
        return array;
    }
}
