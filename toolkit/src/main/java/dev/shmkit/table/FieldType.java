package dev.shmkit.table;

import dev.shmkit.SegmentFormatException;
import org.apache.arrow.flatbuf.Date;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

/** A schema field's type as shmkit reads it; unsupported types are refused here with the fix. */
record FieldType(String name, ColumnLayout.Kind kind, int width, int timeUnit, String timezone,
                 Long dictionaryId, int indexWidth) {

    static FieldType of(Field f, ArrowFileParser parser) {
        String name = f.name() == null ? "" : f.name();
        if (f.childrenLength() > 0) {
            throw unsupported(parser, name, "nested type=" + Type.name(f.typeType()) + " (flatten it first)");
        }
        FieldType t = plain(f, name, parser);
        DictionaryEncoding d = f.dictionary();
        if (d == null) {
            return t;
        }
        if (t.kind != ColumnLayout.Kind.UTF8 && t.kind != ColumnLayout.Kind.LARGE_UTF8) {
            throw unsupported(parser, name, "dictionary-encoded " + t.kind + " (only dictionary strings are supported;"
                    + " decode it with pyarrow's dictionary_decode())");
        }
        Int index = d.indexType();
        int bits = index == null ? 32 : index.bitWidth();
        if (index != null && !index.isSigned() && bits == 64) {
            throw unsupported(parser, name, "dictionary index type=uint64");
        }
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw unsupported(parser, name, "dictionary index bitWidth=" + bits);
        }
        return new FieldType(name, t.kind, t.width, 0, null, d.id(), bits / 8);
    }

    private static FieldType plain(Field f, String name, ArrowFileParser parser) {
        byte type = f.typeType();
        switch (type) {
            case Type.Int -> {
                Int t = (Int) f.type(new Int());
                if (!t.isSigned()) {
                    throw unsupported(parser, name, "unsigned uint" + t.bitWidth()
                            + " (Tablesaw has no unsigned columns; cast to a signed type, e.g. int64)");
                }
                return switch (t.bitWidth()) {
                    case 8 -> simple(name, ColumnLayout.Kind.INT8, 1);
                    case 16 -> simple(name, ColumnLayout.Kind.INT16, 2);
                    case 32 -> simple(name, ColumnLayout.Kind.INT32, 4);
                    case 64 -> simple(name, ColumnLayout.Kind.INT64, 8);
                    default -> throw unsupported(parser, name, "int bitWidth=" + t.bitWidth());
                };
            }
            case Type.FloatingPoint -> {
                FloatingPoint t = (FloatingPoint) f.type(new FloatingPoint());
                if (t.precision() == Precision.SINGLE) {
                    return simple(name, ColumnLayout.Kind.FLOAT, 4);
                }
                if (t.precision() == Precision.DOUBLE) {
                    return simple(name, ColumnLayout.Kind.DOUBLE, 8);
                }
                throw unsupported(parser, name, "float precision=" + Precision.name(t.precision()) + " (cast to float32)");
            }
            case Type.Bool -> {
                return simple(name, ColumnLayout.Kind.BOOL, 0);
            }
            case Type.Utf8 -> {
                return simple(name, ColumnLayout.Kind.UTF8, 4);
            }
            case Type.LargeUtf8 -> {
                return simple(name, ColumnLayout.Kind.LARGE_UTF8, 8);
            }
            case Type.Date -> {
                Date t = (Date) f.type(new Date());
                return t.unit() == DateUnit.DAY ? simple(name, ColumnLayout.Kind.DATE_DAY, 4)
                        : simple(name, ColumnLayout.Kind.DATE_MILLI, 8);
            }
            case Type.Time -> {
                Time t = (Time) f.type(new Time());
                if ((t.bitWidth() != 32 && t.bitWidth() != 64) || t.unit() < 0 || t.unit() > 3) {
                    throw unsupported(parser, name, "time bitWidth=" + t.bitWidth() + " unit=" + t.unit());
                }
                return new FieldType(name, ColumnLayout.Kind.TIME, t.bitWidth() / 8, t.unit(), null, null, 0);
            }
            case Type.Timestamp -> {
                Timestamp t = (Timestamp) f.type(new Timestamp());
                if (t.unit() < 0 || t.unit() > 3) {
                    throw unsupported(parser, name, "timestamp unit=" + t.unit());
                }
                String tz = t.timezone();
                return new FieldType(name, ColumnLayout.Kind.TIMESTAMP, 8, t.unit(),
                        tz == null || tz.isEmpty() ? null : tz, null, 0);
            }
            default -> throw unsupported(parser, name, "type=" + typeName(type));
        }
    }

    private static String typeName(byte type) {
        try {
            return Type.name(type);
        } catch (RuntimeException e) {
            return "unknown(" + type + ")";
        }
    }

    private static FieldType simple(String name, ColumnLayout.Kind kind, int width) {
        return new FieldType(name, kind, width, 0, null, null, 0);
    }

    private static SegmentFormatException unsupported(ArrowFileParser parser, String name, String what) {
        return parser.fail("column '" + name + "' has unsupported " + what);
    }

    /** The same type without dictionary encoding: how a dictionary batch stores the values. */
    FieldType valuesOnly() {
        return new FieldType(name, kind, width, timeUnit, timezone, null, 0);
    }

    /** A layout for a file without record batches (zero rows, nothing to read). */
    ColumnLayout empty() {
        ColumnLayout dict = dictionaryId == null ? null
                : new ColumnLayout(name, 0, kind, width, 0, null, -1, 0, 0, 0, 0, null);
        return new ColumnLayout(name, 0, kind, dictionaryId == null ? width : indexWidth, timeUnit, timezone,
                -1, 0, 0, 0, 0, dict);
    }
}
