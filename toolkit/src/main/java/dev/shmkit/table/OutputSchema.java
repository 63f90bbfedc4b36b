package dev.shmkit.table;

import dev.shmkit.ShmkitException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Column names and fixed-width types of an {@link OutputTable}: double, long, int, float and short
 * columns, no nulls (every row is written). Strings, booleans, dates and other variable-width or
 * bit-packed types are refused: tasks write disjoint rows in place, which needs every value at an
 * offset known before the job starts. Immutable; each builder call returns a new schema.
 *
 * <pre>{@code OutputSchema.create().doubleColumn("y").longColumn("bucket")}</pre>
 */
public final class OutputSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The fixed-width types an output column may have. */
    public enum Type {
        DOUBLE(8, PrimitiveEncoding.Kind.DOUBLE), LONG(8, PrimitiveEncoding.Kind.INT64), INT(4, PrimitiveEncoding.Kind.INT32),
        FLOAT(4, PrimitiveEncoding.Kind.FLOAT), SHORT(2, PrimitiveEncoding.Kind.INT16);

        private final int width;
        private final PrimitiveEncoding.Kind kind;

        Type(int width, PrimitiveEncoding.Kind kind) {
            this.width = width;
            this.kind = kind;
        }

        /** Bytes per value. */
        public int width() {
            return width;
        }

        PrimitiveEncoding.Kind kind() {
            return kind;
        }

        /** The Java name: {@code double}, {@code long}, ... */
        public String javaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String[] names;
    private final Type[] types;

    private OutputSchema(String[] names, Type[] types) {
        this.names = names;
        this.types = types;
    }

    /** A schema with no columns yet. */
    public static OutputSchema create() {
        return new OutputSchema(new String[0], new Type[0]);
    }

    /** Adds a double column. */
    public OutputSchema doubleColumn(String name) {
        return column(name, Type.DOUBLE);
    }

    /** Adds a long column. */
    public OutputSchema longColumn(String name) {
        return column(name, Type.LONG);
    }

    /** Adds an int column. */
    public OutputSchema intColumn(String name) {
        return column(name, Type.INT);
    }

    /** Adds a float column. */
    public OutputSchema floatColumn(String name) {
        return column(name, Type.FLOAT);
    }

    /** Adds a short column. */
    public OutputSchema shortColumn(String name) {
        return column(name, Type.SHORT);
    }

    /**
     * Adds a column of Java type {@code type} ({@code double.class}, {@code long.class}, {@code int.class},
     * {@code float.class}, {@code short.class} or their boxes).
     *
     * @throws ShmkitException for any other type, naming what is supported and what to do instead
     */
    public OutputSchema column(String name, Class<?> type) {
        Type t = type == double.class || type == Double.class ? Type.DOUBLE
                : type == long.class || type == Long.class ? Type.LONG
                : type == int.class || type == Integer.class ? Type.INT
                : type == float.class || type == Float.class ? Type.FLOAT
                : type == short.class || type == Short.class ? Type.SHORT : null;
        if (t == null) {
            throw new ShmkitException("output column '" + name + "': type=" + (type == null ? "null" : type.getName())
                    + " is not supported; output tables hold fixed-width columns only (double, long, int, float, short;"
                    + " no nulls) so tasks can write their rows in place. For strings, booleans or dates write a code"
                    + " (e.g. an int) and map it afterwards, or build that column in the parent and publish a table");
        }
        return column(name, t);
    }

    /** Adds a column of {@code type}. */
    public OutputSchema column(String name, Type type) {
        if (name == null || name.isEmpty()) {
            throw new ShmkitException("output column name is empty (column " + names.length + "); give every column a name");
        }
        if (type == null) {
            throw new ShmkitException("output column '" + name + "': type is null");
        }
        if (indexOf(name) >= 0) {
            throw new ShmkitException("output column '" + name + "' appears twice (columns " + indexOf(name) + " and "
                    + names.length + "); column names are unique");
        }
        String[] n = Arrays.copyOf(names, names.length + 1);
        Type[] t = Arrays.copyOf(types, types.length + 1);
        n[names.length] = name;
        t[types.length] = type;
        return new OutputSchema(n, t);
    }

    /** Number of columns. */
    public int columnCount() {
        return names.length;
    }

    /** Name of column {@code i}. */
    public String name(int i) {
        return names[i];
    }

    /** Type of column {@code i}. */
    public Type type(int i) {
        return types[i];
    }

    /** The index of column {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Column names, in order. */
    public List<String> names() {
        return List.of(names);
    }

    /** Bytes one row takes over all columns. */
    public long rowBytes() {
        long b = 0;
        for (Type t : types) {
            b += t.width();
        }
        return b;
    }

    /** The columns laid out blank (no values, no nulls) for a file plan of {@code rows} rows. */
    List<EncodedColumn> blankColumns(int rows) {
        List<EncodedColumn> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new PrimitiveEncoding(names[i], rows, null, types[i].kind(), null));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OutputSchema[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(types[i].javaName());
        }
        return sb.append(']').toString();
    }
}
