package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.ShmkitException;
import dev.shmkit.memory.Mapping;
import dev.shmkit.segment.LocalSegmentSource;
import dev.shmkit.segment.SegmentFile;
import dev.shmkit.segment.SegmentId;
import dev.shmkit.segment.SegmentSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * An object segment mapped read-only. Out-of-band arrays are available as zero-copy views
 * ({@link #doubles}, {@link #longs}, {@link #ints}); {@link #read} deserializes a heap copy of
 * the whole value. Every offset in the file was validated by {@link #open}, so no read goes
 * outside the mapping. Closing unmaps at once and is idempotent; views fail after it.
 */
public final class ObjectSegment implements AutoCloseable {
    private final Mapping mapping;
    private final ObjectSegmentHeader header;
    private final SegmentId id;

    private ObjectSegment(Mapping mapping, ObjectSegmentHeader header, SegmentId id) {
        this.mapping = mapping;
        this.header = header;
        this.id = id;
    }

    /**
     * Maps and validates {@code file}. A segment file of a space is attached by its id (derived from
     * the name) as {@link #attach} does; any other file gets a mapping of its own and a null id.
     *
     * @throws dev.shmkit.SegmentFormatException when the file is truncated, corrupt or of a newer layout
     * @throws dev.shmkit.memory.MissingFileException when a file that is not a space segment does not exist
     * @throws dev.shmkit.segment.SegmentNotFoundException when a space segment exists neither there nor retired
     */
    public static ObjectSegment open(Path file) {
        SegmentFile f = SegmentFile.parse(file);
        if (f != null) {
            // A space segment: shared, given back like one, and still found once retired by a newer version.
            return attach(LocalSegmentSource.get(), f.id());
        }
        return over(Mapping.readOnly(file), null);
    }

    /**
     * Attaches exactly version {@code id} through {@code source}; in one process, handles on the same
     * version share one mapping.
     *
     * @throws dev.shmkit.segment.SegmentNotFoundException when that version no longer exists
     */
    public static ObjectSegment attach(SegmentSource source, SegmentId id) {
        return over(source.map(id), id);
    }

    private static ObjectSegment over(Mapping mapping, SegmentId id) {
        try {
            return new ObjectSegment(mapping, ObjectSegmentHeader.parse(mapping), id);
        } catch (RuntimeException e) {
            mapping.close();
            throw e;
        }
    }

    /** The version this is, or null for a file opened by a path that is not a space segment. */
    public SegmentId id() {
        return id;
    }

    /** The segment file. */
    public Path path() {
        return mapping.path();
    }

    /** Length of the segment file in bytes. */
    public long length() {
        return mapping.length();
    }

    /** Fully qualified class name of the stored value ({@code "null"} for a stored null). */
    public String valueClassName() {
        return header.valueClassName();
    }

    /** Pid of the process that wrote the segment. */
    public long publisherPid() {
        return header.pid();
    }

    /** When the segment was written, epoch milliseconds. */
    public long createdMillis() {
        return header.createdMillis();
    }

    /** The arrays stored out-of-band, in file order. */
    public List<ArrayInfo> arrays() {
        return header.arrays();
    }

    /** Zero-copy view of the {@code double[]} stored out-of-band at {@code path} (see {@link #arrays()}). */
    public DoubleArrayView doubles(String path) {
        return new DoubleArrayView(mapping, array(path, ArrayType.DOUBLE));
    }

    /** Zero-copy view of the {@code long[]} stored out-of-band at {@code path}. */
    public LongArrayView longs(String path) {
        return new LongArrayView(mapping, array(path, ArrayType.LONG));
    }

    /** Zero-copy view of the {@code int[]} stored out-of-band at {@code path}. */
    public IntArrayView ints(String path) {
        return new IntArrayView(mapping, array(path, ArrayType.INT));
    }

    private ArrayInfo array(String path, ArrayType expected) {
        checkOpen();
        for (ArrayInfo a : header.arrays()) {
            if (a.path().equals(path)) {
                if (a.type() != expected) {
                    throw new ShmkitException("array '" + path + "' in " + path() + " is a " + a.type()
                            + ", not a " + expected + "; use the view for " + a.type());
                }
                return a;
            }
        }
        throw new ShmkitException("no out-of-band array at path '" + path + "' in " + path() + " (value class "
                + valueClassName() + "); available: " + describeArrays()
                + (header.arrays().isEmpty() ? " (only arrays over 1 MiB are stored out-of-band)" : ""));
    }

    private String describeArrays() {
        return header.arrays().stream().map(a -> "'" + a.path() + "' " + a.type() + "[" + a.length() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Deserializes a heap copy of the value using the context class loader. */
    public <T> T read(Class<T> type) {
        return read(type, null);
    }

    /**
     * Deserializes a heap copy of the value; out-of-band arrays are bulk-copied from the mapping.
     * Only classes on the allow-list are instantiated: {@link ClassPolicy#standard()}, {@code type}
     * itself and, when {@code loader} is a session loader (not the application's), the classes it
     * defines; others are refused before any of their code runs (allow them with {@link Kryos#allow}).
     *
     * @param loader class loader for the value's classes (JShell's snippet loader, for instance);
     *               null for the context class loader
     * @throws ClassNotAllowedException when the data names a class outside the allow-list
     */
    public <T> T read(Class<T> type, ClassLoader loader) {
        checkOpen();
        String stored = valueClassName();
        if (!"null".equals(stored) && !type.getName().equals(stored) && !isAssignable(type, stored, loader)) {
            throw new ShmkitException("segment " + path() + " holds a " + stored + ", not a " + type.getName());
        }
        byte[] payload;
        try {
            payload = mapping.copyBytes(header.payloadOffset(), Math.toIntExact(header.payloadLength()), "kryo payload");
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, "$", e);
        }
        IntFunction<Object> source = this::copyArray;
        boolean pooled = loader == null;
        Kryo kryo = pooled ? Kryos.pool().obtain() : Kryos.newKryo(loader);
        ClassPolicy before = Kryos.policy(kryo, readPolicy(type, loader), "segment file " + path());
        try {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.READ_KEY, source);
            Object value = kryo.readClassAndObject(new Input(payload));
            if (value != null && !type.isInstance(value)) {
                throw new ShmkitException("segment " + path() + " holds a " + value.getClass().getName()
                        + ", not a " + type.getName());
            }
            return type.cast(value);
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, "$", e);
        } catch (KryoException e) {
            ClassNotAllowedException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new ShmkitException("cannot deserialize " + stored + " from " + path() + ": "
                    + e.getMessage() + " (class missing from this JVM's class path, or a different version"
                    + " of it; pass the class loader that defines it to read(type, loader))", e);
        } finally {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.READ_KEY, null);
            kryo.reset();
            Kryos.policy(kryo, before, "Kryo data");
            if (pooled) {
                Kryos.pool().free(kryo);
            }
        }
    }

    /**
     * Deserializes a heap copy of the value with {@code kryo} (one made by {@link Kryos#newKryo}, with
     * the class loader and policy the caller chose, used by this thread only for the call); out-of-band
     * arrays are bulk-copied from the mapping, one copy each, no per-element Kryo loop.
     */
    public Object read(Kryo kryo) {
        checkOpen();
        byte[] payload;
        try {
            payload = mapping.copyBytes(header.payloadOffset(), Math.toIntExact(header.payloadLength()), "kryo payload");
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, "$", e);
        }
        IntFunction<Object> source = this::copyArray;
        try {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.READ_KEY, source);
            return kryo.readClassAndObject(new Input(payload));
        } catch (InternalError e) {
            throw ViewSupport.faulted(mapping, "$", e);
        } finally {
            OutOfBandArraySerializer.context(kryo, OutOfBandArraySerializer.READ_KEY, null);
            kryo.reset();
        }
    }

    private static ClassPolicy readPolicy(Class<?> type, ClassLoader loader) {
        ClassPolicy p = ClassPolicy.standard().or(ClassPolicy.exactly(type));
        boolean session = loader != null && loader != ClassLoader.getSystemClassLoader()
                && loader != ClassLoader.getPlatformClassLoader();
        return session ? p.or(ClassPolicy.definedBy(loader)) : p;
    }

    /** The refusal inside a Kryo failure (Kryo wraps what its serializers throw), or null. */
    private static ClassNotAllowedException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClassNotAllowedException c) {
                return c;
            }
        }
        return null;
    }

    private static boolean isAssignable(Class<?> type, String stored, ClassLoader loader) {
        try {
            ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
            return type.isAssignableFrom(Class.forName(stored, false, cl));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Object copyArray(int index) {
        if (index < 0 || index >= header.arrays().size()) {
            throw new KryoException("payload refers to out-of-band array #" + index + " but the table holds "
                    + header.arrays().size() + " (corrupt)");
        }
        ArrayInfo a = header.arrays().get(index);
        Object out = switch (a.type()) {
            case DOUBLE -> new double[(int) a.length()];
            case LONG -> new long[(int) a.length()];
            case INT -> new int[(int) a.length()];
        };
        ViewSupport.copy(mapping.address() + a.offset(), out, a.byteLength());
        return out;
    }

    private void checkOpen() {
        if (mapping.isClosed()) {
            throw new ShmkitException("object segment " + path() + " is closed; open it again");
        }
    }

    /** Releases this handle on the mapping (unmapped when no other handle of this process holds it). Idempotent. */
    @Override
    public void close() {
        mapping.close();
    }

    @Override
    public String toString() {
        return "ObjectSegment[" + path() + ", " + valueClassName() + ", arrays=" + header.arrays().size() + "]";
    }
}
