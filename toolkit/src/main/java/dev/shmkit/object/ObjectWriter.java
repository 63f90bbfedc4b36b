package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.memory.Bytes;
import dev.shmkit.memory.Reservation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.shmkit.object.ObjectSegmentDescriptor.*;

/**
 * Writes one value into an object segment file ({@link ObjectSegmentDescriptor}): the object
 * graph is serialized with Kryo, except the {@code double[]}, {@code long[]} and {@code int[]}
 * arrays over {@link GraphWalk#OUT_OF_BAND_THRESHOLD} bytes, which are written after it,
 * 64-byte aligned, so readers can use them as zero-copy views.
 *
 * <p>The value is serialized and checked before the file is created; the file's full size is
 * reserved on the device before anything is written into it; on any failure the file is deleted.
 */
public final class ObjectWriter {
    /** Direct-buffer chunk for copying arrays into the file: large enough to amortise the syscall. */
    private static final int CHUNK_BYTES = 4 << 20;

    private ObjectWriter() {
    }

    /**
     * Writes {@code value} to {@code file} (created 0600 if missing; an existing file, e.g. the empty
     * 0600 temporary file a space pre-creates, is overwritten; callers rename it into place).
     *
     * @param pid the publisher's pid, recorded for sweeping
     * @return the number of bytes written (the file length)
     * @throws NotSerializableValueException when something in the graph cannot be serialized
     * @throws dev.shmkit.memory.SpaceFullException when the device has no room
     */
    public static long write(Object value, Path file, long pid) {
        return write(value, file, pid, null);
    }

    /**
     * As {@link #write(Object, Path, long)}, serializing with {@code kryo} (one made by
     * {@link Kryos#newKryo}, e.g. a worker's session Kryo that knows the job's classes) instead of a
     * pooled one; null for a pooled one. The Kryo is used by this thread only, for the call.
     */
    public static long write(Object value, Path file, long pid, Kryo kryo) {
        GraphWalk walk = GraphWalk.of(value);
        byte[] payload = kryo == null ? serialize(value, walk) : serialize(value, walk, kryo);
        byte[] className = (value == null ? "null" : value.getClass().getName()).getBytes(StandardCharsets.UTF_8);
        List<byte[]> paths = new ArrayList<>();
        for (String p : walk.paths()) {
            paths.add(p.getBytes(StandardCharsets.UTF_8));
        }

        long classNameOffset = HEADER_LENGTH;
        long payloadOffset = Bytes.align(classNameOffset + className.length, SECTION_ALIGNMENT);
        long tableOffset = Bytes.align(payloadOffset + payload.length, SECTION_ALIGNMENT);
        long tableLength = 0;
        for (byte[] p : paths) {
            tableLength += entryLength(p.length);
        }
        long[] dataOffsets = new long[paths.size()];
        long end = tableOffset + tableLength;
        for (int i = 0; i < dataOffsets.length; i++) {
            Object a = walk.arrays().get(i);
            dataOffsets[i] = Bytes.align(end, ARRAY_ALIGNMENT);
            end = dataOffsets[i] + (long) ArrayType.lengthOf(a) * ArrayType.of(a).elementBytes();
        }
        long fileLength = end;

        ByteBuffer meta = ByteBuffer.allocate(Math.toIntExact(tableOffset + tableLength)).order(ByteOrder.LITTLE_ENDIAN);
        meta.put(MAGIC_OFFSET, MAGIC);
        meta.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        meta.putInt(FLAGS_OFFSET, 0);
        meta.putLong(PID_OFFSET, pid);
        meta.putLong(CREATED_OFFSET, System.currentTimeMillis());
        meta.putLong(FILE_LENGTH_OFFSET, fileLength);
        meta.putLong(CLASS_NAME_OFFSET_OFFSET, classNameOffset);
        meta.putInt(CLASS_NAME_LENGTH_OFFSET, className.length);
        meta.putInt(ARRAY_COUNT_OFFSET, paths.size());
        meta.putLong(TABLE_OFFSET_OFFSET, tableOffset);
        meta.putLong(TABLE_LENGTH_OFFSET, tableLength);
        meta.putLong(PAYLOAD_OFFSET_OFFSET, payloadOffset);
        meta.putLong(PAYLOAD_LENGTH_OFFSET, payload.length);
        meta.put((int) classNameOffset, className);
        meta.put((int) payloadOffset, payload);
        long entry = tableOffset;
        for (int i = 0; i < paths.size(); i++) {
            Object a = walk.arrays().get(i);
            int e = (int) entry;
            meta.putInt(e + ENTRY_TYPE_OFFSET, ArrayType.of(a).code());
            meta.putInt(e + ENTRY_PATH_LENGTH_OFFSET, paths.get(i).length);
            meta.putLong(e + ENTRY_COUNT_OFFSET, ArrayType.lengthOf(a));
            meta.putLong(e + ENTRY_DATA_OFFSET_OFFSET, dataOffsets[i]);
            meta.put(e + ENTRY_FIXED_LENGTH, paths.get(i));
            entry += entryLength(paths.get(i).length);
        }

        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                Reservation.checkFree(file, fileLength); // written with pwrite: ENOSPC is an IOException
                writeFully(ch, meta.clear(), 0);
                ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < dataOffsets.length; i++) {
                    writeArray(ch, chunk, walk.arrays().get(i), dataOffsets[i]);
                }
                if (ch.size() < fileLength) {
                    writeFully(ch, ByteBuffer.allocate(1), fileLength - 1); // only when no arrays pad the end
                }
            } catch (IOException e) {
                throw Reservation.fullOrRethrow(file, fileLength, e);
            }
            done = true;
            return fileLength;
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // best effort: the original failure is what the caller needs to see
                }
            }
        }
    }

    /**
     * Serializes {@code value} with {@code kryo} into {@code out} (reset first), unless its graph holds
     * a {@code double[]}, {@code long[]} or {@code int[]} of at least {@code arrayLimit} bytes: then it
     * stops at that array, before copying it, and returns false ({@code out} then holds a partial write).
     * The way to send a value inline, or learn cheaply that {@link #write} suits it better.
     */
    public static boolean serializeInline(Kryo kryo, Output out, Object value, long arrayLimit) {
        out.reset();
        OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.INLINE_LIMIT_KEY, arrayLimit);
        try {
            kryo.writeClassAndObject(out, value);
            return true;
        } catch (KryoException | OutOfBandArraySerializer.ArrayOverLimit e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfBandArraySerializer.ArrayOverLimit) {
                    kryo.reset();
                    return false;
                }
            }
            throw e;
        } finally {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.INLINE_LIMIT_KEY, null);
        }
    }

    private static byte[] serialize(Object value, GraphWalk walk) {
        Kryo kryo = Kryos.pool().obtain();
        try {
            return serialize(value, walk, kryo);
        } finally {
            Kryos.pool().free(kryo);
        }
    }

    private static byte[] serialize(Object value, GraphWalk walk, Kryo kryo) {
        try (Output out = new Output(4096, -1)) {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.WRITE_KEY, walk.outOfBand());
            kryo.writeClassAndObject(out, value);
            return out.toBytes();
        } catch (KryoException | IllegalArgumentException | UnsupportedOperationException
                 | IllegalStateException e) {
            throw KryoFailures.explain(value, e);
        } finally {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.WRITE_KEY, null);
            kryo.reset();
        }
    }

    private static void writeArray(FileChannel ch, ByteBuffer chunk, Object array, long position) throws IOException {
        ArrayType type = ArrayType.of(array);
        int length = ArrayType.lengthOf(array);
        int perChunk = CHUNK_BYTES / type.elementBytes();
        for (int from = 0; from < length; from += perChunk) {
            int n = Math.min(perChunk, length - from);
            chunk.clear();
            switch (type) {
                case DOUBLE -> chunk.asDoubleBuffer().put((double[]) array, from, n);
                case LONG -> chunk.asLongBuffer().put((long[]) array, from, n);
                default -> chunk.asIntBuffer().put((int[]) array, from, n);
            }
            chunk.limit(n * type.elementBytes());
            writeFully(ch, chunk, position + (long) from * type.elementBytes());
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }
}
