package dev.shmkit.array;

/** The element type of a shared array, as stored in its header. */
public enum ElementType {
    /** 64-bit IEEE 754 doubles. */
    DOUBLE(1, 8, "double"),
    /** 64-bit signed longs. */
    LONG(2, 8, "long"),
    /** 32-bit signed ints. */
    INT(3, 4, "int");

    private final int code;
    private final int width;
    private final String javaName;

    ElementType(int code, int width, String javaName) {
        this.code = code;
        this.width = width;
        this.javaName = javaName;
    }

    /** The code in the header's element field. */
    int code() {
        return code;
    }

    /** Bytes per element. */
    public int width() {
        return width;
    }

    /** The Java primitive type name ({@code double}, {@code long}, {@code int}). */
    public String javaName() {
        return javaName;
    }

    /** The type with header code {@code code}, or null. */
    static ElementType ofCode(int code) {
        for (ElementType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
