package dev.shmkit.ship;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.shmkit.object.Kryos;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Snapshots the JShell variables a task reads (see {@link StaticScanner}) so the worker can set
 * them before running it. Policy, checked before anything runs: small serializable values are
 * sent; a value the {@link SnapshotResolver} maps to a segment is sent as a reference; values
 * larger than the limit, and things that cannot leave their process (threads, pools, sockets,
 * streams, executors), are refused with the variable's name, type, size and the fix.
 */
public final class StaticSnapshot {
    /** Above this (estimated serialized size) a variable should be shared, not copied per job. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;

    /** Types that are handles on things local to this process. */
    private static final List<Class<?>> LOCAL_ONLY = List.of(Thread.class, ThreadGroup.class,
            java.util.concurrent.Executor.class, java.net.Socket.class, java.net.ServerSocket.class,
            java.nio.channels.Channel.class, java.io.InputStream.class, java.io.OutputStream.class,
            java.io.Reader.class, java.io.Writer.class, ClassLoader.class, Process.class, AutoCloseable.class);

    private StaticSnapshot() {
    }

    /**
     * The triples {@code (ownerBinaryName, field, value)} to set in the worker, flattened; empty
     * when the task reads no JShell variable.
     *
     * @throws ShippingRefusedException naming the first variable that cannot be shipped
     */
    public static Object[] take(Object task, ClassLoader loader, long maxBytes, SnapshotResolver resolver) {
        Set<StaticScanner.StaticRead> reads = StaticScanner.scan(task, loader);
        List<Object> out = new ArrayList<>();
        Kryo kryo = null;
        for (StaticScanner.StaticRead r : reads) {
            String owner = r.owner().replace('/', '.');
            Object value;
            try {
                Field f = Class.forName(owner, true, loader).getDeclaredField(r.name());
                f.setAccessible(true);
                value = f.get(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ShippingRefusedException("JShell variable '" + r.name() + "' (class=" + owner
                        + ") read by the task could not be read for shipping: " + e, e);
            }
            Object shipped = resolver.resolve(r.name(), value);
            if (shipped == null) {
                checkLocalOnly(r.name(), value);
                checkUnpublishedTable(r.name(), value);
                if (kryo == null) {
                    kryo = Kryos.newKryo(loader);
                }
                long size = estimate(kryo, r.name(), value);
                if (size > maxBytes) {
                    throw new ShippingRefusedException(String.format(Locale.ROOT, "JShell variable '%s' "
                                    + "(type=%s, size=%d B estimated, limit=%d B) is too large to copy to workers with "
                                    + "every job: publish it once and read it shared (%%share %s as %s, or "
                                    + "space.put(\"%s\", %s)), or make it a local computed inside the task",
                            r.name(), typeName(value), size, maxBytes, r.name(), r.name(), r.name(), r.name()));
                }
                shipped = value;
            }
            out.add(owner);
            out.add(r.name());
            out.add(shipped);
        }
        return out.toArray();
    }

    /**
     * A Tablesaw table cannot travel as a value (its columns hold comparators that are not
     * serializable) and should not: it is exactly what the space is for.
     */
    private static void checkUnpublishedTable(String name, Object value) {
        if (value instanceof tech.tablesaw.api.Table t) {
            long bytes = 0;
            for (tech.tablesaw.columns.Column<?> c : t.columns()) {
                bytes += (long) c.size() * c.byteSize();
            }
            throw new ShippingRefusedException(String.format(Locale.ROOT, "JShell variable '%s' (type=%s, rows=%d,"
                            + " columns=%d, about %d B) is a Tablesaw table that was not published: tables go to workers"
                            + " through the space, not with every job; publish it once (%%share %s as %s, or"
                            + " space.publish(\"%s\", %s)) and the task reads it shared",
                    name, typeName(value), t.rowCount(), t.columnCount(), bytes, name, name, name, name));
        }
    }

    private static void checkLocalOnly(String name, Object value) {
        if (value == null) {
            return;
        }
        String local = null;
        for (Class<?> c : LOCAL_ONLY) {
            if (c.isInstance(value)) {
                local = c.getSimpleName();
                break;
            }
        }
        if (local == null && value instanceof LocalOnly) {
            local = value.getClass().getSimpleName();
        }
        if (local != null) {
            throw new ShippingRefusedException("JShell variable '" + name + "' (type=" + typeName(value)
                    + ", a " + local + ") is read by the task but cannot leave this process: create it inside "
                    + "the task, or copy what the task needs into a local variable first (e.g. "
                    + "{ var x = ...; pool.mapItems(items, i -> ... x ...); })");
        }
    }

    /**
     * Estimated bytes of {@code value}: a primitive array counts its in-memory size (Kryo's varints
     * would make an array of zeros look small), anything else its Kryo-serialized size.
     */
    private static long estimate(Kryo kryo, String name, Object value) {
        if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            long elem = switch (value.getClass().getComponentType().getName()) {
                case "long", "double" -> 8;
                case "int", "float" -> 4;
                case "short", "char" -> 2;
                default -> 1;
            };
            return elem * java.lang.reflect.Array.getLength(value);
        }
        CountingStream counter = new CountingStream();
        try (Output o = new Output(counter, 1 << 16)) {
            kryo.writeClassAndObject(o, value);
            o.flush();
            return counter.count;
        } catch (RuntimeException e) {
            throw new ShippingRefusedException("JShell variable '" + name + "' (type=" + typeName(value)
                    + ") is read by the task but cannot be serialized: " + e.getMessage()
                    + "; make it a local inside the task, or publish it to the space", e);
        }
    }

    private static String typeName(Object v) {
        return v == null ? "null" : v.getClass().getTypeName();
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
