package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * Kryo serializer for {@code double[]}, {@code long[]} and {@code int[]} that writes an array
 * found (by identity) in the out-of-band set of the current write as a marker plus its index,
 * and every other array inline. Without an out-of-band context it behaves like Kryo's own
 * array serializers (one extra tag value), so the same Kryo serves every caller.
 *
 * <p>Wire form: varint tag; 0 = null, 1 = out-of-band (then varint index), n &gt;= 2 = inline
 * array of n - 2 elements.
 */
final class OutOfBandArraySerializer extends Serializer<Object> {
    /** Kryo context key of the {@code Map<Object,Integer>} of arrays to write out-of-band. */
    static final String WRITE_KEY = "shmkit.oob.write";
    /**
     * Kryo context key of a {@code Long}: an inline write meeting an array of at least that many bytes
     * stops with {@link ArrayOverLimit} (the caller sends the value another way, without copying it first).
     */
    static final String INLINE_LIMIT_KEY = "shmkit.oob.inlineLimit";
    /** Kryo context key of the {@code IntFunction<Object>} giving out-of-band arrays back on read. */
    static final String READ_KEY = "shmkit.oob.read";

    private static final int NULL = 0;
    private static final int OUT_OF_BAND = 1;
    private static final int INLINE_BASE = 2;

    private final ArrayType type;

    OutOfBandArraySerializer(ArrayType type) {
        super(true);
        this.type = type;
    }

    /** Registers the serializer for the three array classes on {@code kryo}. */
    static void register(Kryo kryo) {
        for (ArrayType t : ArrayType.values()) {
            kryo.register(t.arrayClass(), new OutOfBandArraySerializer(t));
        }
    }

    /** Sets (value non-null) or clears (null) a context entry; Kryo's context map is a raw type. */
    @SuppressWarnings("unchecked")
    static void context(Kryo kryo, String key, Object value) {
        if (value == null) {
            kryo.getContext().remove(key);
        } else {
            kryo.getContext().put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object context(Kryo kryo, String key) {
        return kryo.getContext().get(key);
    }

    @Override
    public void write(Kryo kryo, Output output, Object array) {
        if (array == null) {
            output.writeVarInt(NULL, true);
            return;
        }
        Map<?, ?> oob = (Map<?, ?>) context(kryo, WRITE_KEY);
        Object index = oob == null ? null : oob.get(array);
        if (index != null) {
            output.writeVarInt(OUT_OF_BAND, true);
            output.writeVarInt((Integer) index, true);
            return;
        }
        Long limit = (Long) context(kryo, INLINE_LIMIT_KEY);
        if (limit != null && (long) ArrayType.lengthOf(array) * type.elementBytes() >= limit) {
            throw new ArrayOverLimit();
        }
        switch (type) {
            case DOUBLE -> {
                double[] a = (double[]) array;
                output.writeVarInt(a.length + INLINE_BASE, true);
                output.writeDoubles(a, 0, a.length);
            }
            case LONG -> {
                long[] a = (long[]) array;
                output.writeVarInt(a.length + INLINE_BASE, true);
                output.writeLongs(a, 0, a.length, false);
            }
            default -> {
                int[] a = (int[]) array;
                output.writeVarInt(a.length + INLINE_BASE, true);
                output.writeInts(a, 0, a.length, false);
            }
        }
    }

    /** Thrown (without a stack trace) when an inline write meets an array over its limit. */
    static final class ArrayOverLimit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ArrayOverLimit() {
            super("array over the inline limit", null, false, false);
        }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> cls) {
        int tag = input.readVarInt(true);
        if (tag == NULL) {
            return null;
        }
        if (tag == OUT_OF_BAND) {
            int index = input.readVarInt(true);
            @SuppressWarnings("unchecked")
            IntFunction<Object> source = (IntFunction<Object>) context(kryo, READ_KEY);
            if (source == null) {
                throw new KryoException("out-of-band array #" + index + " referenced outside an object segment");
            }
            Object array = source.apply(index);
            if (ArrayType.of(array) != type) {
                throw new KryoException("out-of-band array #" + index + " is " + ArrayType.of(array)
                        + " but the payload expects " + type);
            }
            return array;
        }
        int n = tag - INLINE_BASE;
        // doubles are written fixed-width; ints and longs as varints, at least one byte each
        long minBytes = type == ArrayType.DOUBLE ? 8L * n : n;
        if (n < 0 || input.getInputStream() == null && minBytes > input.limit() - input.position()) {
            throw new KryoException("inline " + type + " of length=" + n + " runs past the end of the payload"
                    + " (remaining=" + (input.limit() - input.position()) + " bytes; corrupt)");
        }
        return switch (type) {
            case DOUBLE -> input.readDoubles(n);
            case LONG -> input.readLongs(n, false);
            default -> input.readInts(n, false);
        };
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
        return switch (type) {
            case DOUBLE -> ((double[]) original).clone();
            case LONG -> ((long[]) original).clone();
            default -> ((int[]) original).clone();
        };
    }
}
