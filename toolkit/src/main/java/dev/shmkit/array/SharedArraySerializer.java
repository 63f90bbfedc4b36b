package dev.shmkit.array;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentKind;

/**
 * How a shared array travels inside a task (a captured value, a JShell variable): as its
 * {@link SegmentId}, never its elements. The receiving process maps the same pages, once per process
 * and version: the mapping lives in the process's segment cache ({@link SharedArray#received}) and is
 * unmapped when the creator publishes or closes the array (the pool tells its workers to evict it) or a
 * newer version of the name is used. Tasks must not close a received array: later tasks share it.
 */
public final class SharedArraySerializer extends Serializer<SharedArray> {
    @Override
    public void write(Kryo kryo, Output output, SharedArray array) {
        SegmentId id = array.id();
        output.writeString(id.space());
        output.writeString(id.name());
        output.writeVarLong(id.version(), true);
        output.writeVarInt(array.type().code(), true);
    }

    @Override
    public SharedArray read(Kryo kryo, Input input, Class<? extends SharedArray> type) {
        SegmentId id = new SegmentId(input.readString(), input.readString(), input.readVarLong(true), SegmentKind.ARRAY);
        ElementType element = ElementType.ofCode(input.readVarInt(true));
        if (element == null) {
            throw new IllegalArgumentException("shared array " + id + ": unknown element code (sent by another shmkit version?)");
        }
        return SharedArray.received(id, element);
    }
}
