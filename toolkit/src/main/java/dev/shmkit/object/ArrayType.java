package dev.shmkit.object;

/** Element type of an out-of-band array, with the code stored for it in the array table. */
public enum ArrayType {
    /** {@code double[]}. */
    DOUBLE(1, Double.BYTES, double[].class),
    /** {@code long[]}. */
    LONG(2, Long.BYTES, long[].class),
    /** {@code int[]}. */
    INT(3, Integer.BYTES, int[].class);

    private final int code;
    private final int elementBytes;
    private final Class<?> arrayClass;

    ArrayType(int code, int elementBytes, Class<?> arrayClass) {
        this.code = code;
        this.elementBytes = elementBytes;
        this.arrayClass = arrayClass;
    }

    /** Code written in the array table. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int elementBytes() {
        return elementBytes;
    }

    /** The Java array class, e.g. {@code double[].class}. */
    public Class<?> arrayClass() {
        return arrayClass;
    }

    /** The type for a table code, or null when the code is unknown. */
    public static ArrayType ofCode(int code) {
        for (ArrayType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The type of a {@code double[]}, {@code long[]} or {@code int[]}, or null for anything else. */
    public static ArrayType of(Object array) {
        if (array instanceof double[]) {
            return DOUBLE;
        }
        if (array instanceof long[]) {
            return LONG;
        }
        if (array instanceof int[]) {
            return INT;
        }
        return null;
    }

    /** Length of a {@code double[]}, {@code long[]} or {@code int[]}. */
    static int lengthOf(Object array) {
        if (array instanceof double[]) {
            return ((double[]) array).length;
        }
        if (array instanceof long[]) {
            return ((long[]) array).length;
        }
        return ((int[]) array).length;
    }

    @Override
    public String toString() {
        return arrayClass.getSimpleName();
    }
}
