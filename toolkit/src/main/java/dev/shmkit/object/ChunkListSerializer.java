package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes a {@link ChunkList} as its size, then either one class and the bare elements (every
 * element non-null and of one class: the common case of a chunk of items or results) or each
 * element with its class. Saves the per-element class lookup on both sides.
 */
final class ChunkListSerializer extends Serializer<ChunkList<Object>> {
    private static final byte UNIFORM = 1;
    private static final byte MIXED = 2;

    @Override
    public void write(Kryo kryo, Output output, ChunkList<Object> list) {
        int n = list.size();
        output.writeVarInt(n, true);
        Class<?> type = n == 0 || list.get(0) == null ? null : list.get(0).getClass();
        for (int i = 1; i < n && type != null; i++) {
            Object e = list.get(i);
            if (e == null || e.getClass() != type) {
                type = null;
            }
        }
        if (type == null) {
            output.writeByte(MIXED);
            for (int i = 0; i < n; i++) {
                kryo.writeClassAndObject(output, list.get(i));
            }
            return;
        }
        output.writeByte(UNIFORM);
        Registration reg = kryo.writeClass(output, type);
        @SuppressWarnings("unchecked")
        Serializer<Object> s = (Serializer<Object>) reg.getSerializer();
        for (int i = 0; i < n; i++) {
            kryo.writeObject(output, list.get(i), s);
        }
    }

    @Override
    public ChunkList<Object> read(Kryo kryo, Input input, Class<? extends ChunkList<Object>> type) {
        int n = input.readVarInt(true);
        ChunkList<Object> list = new ChunkList<>(n);
        kryo.reference(list);
        if (input.readByte() == MIXED) {
            for (int i = 0; i < n; i++) {
                list.add(kryo.readClassAndObject(input));
            }
            return list;
        }
        Registration reg = kryo.readClass(input);
        @SuppressWarnings("unchecked")
        Serializer<Object> s = (Serializer<Object>) reg.getSerializer();
        @SuppressWarnings("unchecked")
        Class<Object> cls = (Class<Object>) reg.getType();
        for (int i = 0; i < n; i++) {
            list.add(kryo.readObject(input, cls, s));
        }
        return list;
    }
}
