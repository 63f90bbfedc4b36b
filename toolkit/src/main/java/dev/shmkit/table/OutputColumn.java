package dev.shmkit.table;

import dev.shmkit.ShmkitException;

/**
 * One column of an output table being written ({@link OutputRows#column}): typed setters write in
 * place at the row's offset (plain stores), and getters read back what was written. A setter of another
 * type than the column's is refused (no silent conversion), as is a row outside the task's rows.
 */
public final class OutputColumn {
    private static final long DOUBLE_BASE = Mem.U.arrayBaseOffset(double[].class);
    private static final long LONG_BASE = Mem.U.arrayBaseOffset(long[].class);
    private static final long INT_BASE = Mem.U.arrayBaseOffset(int[].class);
    private final OutputRows rows;
    private final String name;
    private final OutputSchema.Type type;
    private final long address;

    OutputColumn(OutputRows rows, String name, OutputSchema.Type type, long address) {
        this.rows = rows;
        this.name = name;
        this.type = type;
        this.address = address;
    }

    /** The column name. */
    public String name() {
        return name;
    }

    /** The column type. */
    public OutputSchema.Type type() {
        return type;
    }

    /** Writes double {@code v} at {@code row} (a double column; a plain store). */
    public void setDouble(int row, double v) {
        Mem.U.putDouble(null, at(row, OutputSchema.Type.DOUBLE), v);
    }

    /** Writes long {@code v} at {@code row} (a long column; a plain store). */
    public void setLong(int row, long v) {
        Mem.U.putLong(null, at(row, OutputSchema.Type.LONG), v);
    }

    /** Writes int {@code v} at {@code row} (a int column; a plain store). */
    public void setInt(int row, int v) {
        Mem.U.putInt(null, at(row, OutputSchema.Type.INT), v);
    }

    /** Writes float {@code v} at {@code row} (a float column; a plain store). */
    public void setFloat(int row, float v) {
        Mem.U.putFloat(null, at(row, OutputSchema.Type.FLOAT), v);
    }

    /** Writes short {@code v} at {@code row} (a short column; a plain store). */
    public void setShort(int row, short v) {
        Mem.U.putShort(null, at(row, OutputSchema.Type.SHORT), v);
    }

    /** The double at {@code row} (what was written; 0 before). */
    public double getDouble(int row) {
        return Mem.U.getDouble(null, at(row, OutputSchema.Type.DOUBLE));
    }

    /** The long at {@code row} (what was written; 0 before). */
    public long getLong(int row) {
        return Mem.U.getLong(null, at(row, OutputSchema.Type.LONG));
    }

    /** The int at {@code row} (what was written; 0 before). */
    public int getInt(int row) {
        return Mem.U.getInt(null, at(row, OutputSchema.Type.INT));
    }

    /** Copies {@code src[srcFrom, srcFrom + count)} into rows {@code [row, row + count)} (bulk memory copy). */
    public void putDoubles(int row, double[] src, int srcFrom, int count) {
        put(row, src, DOUBLE_BASE, srcFrom, count, OutputSchema.Type.DOUBLE);
    }

    /** Copies {@code src[srcFrom, srcFrom + count)} into rows {@code [row, row + count)}. */
    public void putLongs(int row, long[] src, int srcFrom, int count) {
        put(row, src, LONG_BASE, srcFrom, count, OutputSchema.Type.LONG);
    }

    /** Copies {@code src[srcFrom, srcFrom + count)} into rows {@code [row, row + count)}. */
    public void putInts(int row, int[] src, int srcFrom, int count) {
        put(row, src, INT_BASE, srcFrom, count, OutputSchema.Type.INT);
    }

    private void put(int row, Object src, long heapBase, int srcFrom, int count, OutputSchema.Type t) {
        java.util.Objects.checkFromIndexSize(srcFrom, count, java.lang.reflect.Array.getLength(src));
        checkType(t);
        rows.check(row, count, this);
        int w = t.width();
        Mem.U.copyMemory(src, heapBase + (long) srcFrom * w, null, address + (long) row * w, (long) count * w);
    }

    private long at(int row, OutputSchema.Type t) {
        checkType(t);
        rows.check(row, 1, this);
        return address + (long) row * t.width();
    }

    private void checkType(OutputSchema.Type t) {
        if (t != type) {
            throw new ShmkitException("output '" + rows.name() + "' column '" + name + "' is " + type.javaName()
                    + ", not " + t.javaName() + "; use set" + Character.toUpperCase(type.javaName().charAt(0))
                    + type.javaName().substring(1) + " (no silent conversion)");
        }
    }

    @Override
    public String toString() {
        return "OutputColumn['" + name + "' " + type.javaName() + "]";
    }
}
