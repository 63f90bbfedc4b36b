package dev.shmkit.object;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Walks an object graph (identity-based, cycle-safe, iterative so deep lists cannot overflow
 * the stack) to find the large primitive arrays to store out-of-band and the objects that can
 * never be shipped to another process.
 *
 * <p>Paths: field names joined with {@code .}; {@code [i]} for elements of arrays and
 * collections (iteration order); {@code [key]} for map values, with {@code String.valueOf(key)};
 * {@code $} for the root itself. A second array reaching the same path text (two map keys with
 * the same string form) gets {@code #2}, {@code #3}... appended. An array reachable along several
 * paths is stored once, under the first path found (breadth-first).
 *
 * <p>Fields are read reflectively only in classes outside named modules (the class path and
 * JShell); JDK classes are entered only through the public API of {@link Map},
 * {@link Collection} and {@code Object[]}, and otherwise not descended into.
 */
final class GraphWalk {
    /**
     * Arrays larger than this go out-of-band: below it the copy through Kryo costs less than a
     * table entry plus 64-byte padding, above it a zero-copy view saves real time and memory.
     */
    static final long OUT_OF_BAND_THRESHOLD = 1L << 20;

    /** Types that hold threads, OS resources or code and can never be shipped to another JVM. */
    private static final List<Class<?>> UNSHIPPABLE = List.of(Thread.class, ThreadGroup.class, Executor.class,
            Socket.class, ServerSocket.class, DatagramSocket.class, Channel.class, InputStream.class,
            OutputStream.class, Reader.class, Writer.class, Process.class, ClassLoader.class);

    private final Map<Object, Integer> outOfBand = new IdentityHashMap<>();
    private final List<Object> arrays = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> pathUses = new HashMap<>();
    private final Map<Class<?>, List<Field>> fieldCache = new HashMap<>();

    private GraphWalk() {
    }

    /**
     * Walks the graph under {@code root}.
     *
     * @throws NotSerializableValueException when an unshippable object is reachable
     */
    static GraphWalk of(Object root) {
        GraphWalk walk = new GraphWalk();
        walk.run(root);
        return walk;
    }

    /** Out-of-band array index by identity, for the serializer. */
    Map<Object, Integer> outOfBand() {
        return Collections.unmodifiableMap(outOfBand);
    }

    /** The out-of-band arrays in index order. */
    List<Object> arrays() {
        return arrays;
    }

    /** Their paths in index order. */
    List<String> paths() {
        return paths;
    }

    private void run(Object root) {
        if (root == null) {
            return;
        }
        String rootClass = root.getClass().getName();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {root, ""});
        seen.put(root, Boolean.TRUE);
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            Object obj = item[0];
            String path = (String) item[1];
            for (Object[] child : visit(rootClass, obj, path)) {
                if (child[0] != null && seen.put(child[0], Boolean.TRUE) == null) {
                    queue.add(child);
                }
            }
        }
    }

    private List<Object[]> visit(String rootClass, Object obj, String path) {
        Class<?> cls = obj.getClass();
        ArrayType type = ArrayType.of(obj);
        if (type != null) {
            long bytes = (long) ArrayType.lengthOf(obj) * type.elementBytes();
            if (bytes > OUT_OF_BAND_THRESHOLD) {
                outOfBand.put(obj, arrays.size());
                arrays.add(obj);
                paths.add(unique(path.isEmpty() ? "$" : path));
            }
            return List.of();
        }
        for (Class<?> bad : UNSHIPPABLE) {
            if (bad.isInstance(obj)) {
                throw new NotSerializableValueException(rootClass, cls.getName(), path.isEmpty() ? "$" : path,
                        "a " + bad.getSimpleName() + " holds threads, OS resources or code that exist only in"
                                + " this process", null);
            }
        }
        return children(obj, path);
    }

    /** The objects {@code obj} refers to, with their paths; JDK classes only through Map/Collection/Object[]. */
    private List<Object[]> children(Object obj, String path) {
        Class<?> cls = obj.getClass();
        List<Object[]> children = new ArrayList<>();
        if (obj instanceof Object[]) {
            Object[] a = (Object[]) obj;
            for (int i = 0; i < a.length; i++) {
                children.add(new Object[] {a[i], path + "[" + i + "]"});
            }
        } else if (obj instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) obj).entrySet()) {
                String p = path + "[" + e.getKey() + "]";
                children.add(new Object[] {e.getKey(), p + "(key)"});
                children.add(new Object[] {e.getValue(), p});
            }
        } else if (obj instanceof Collection) {
            int i = 0;
            for (Object o : (Collection<?>) obj) {
                children.add(new Object[] {o, path + "[" + i++ + "]"});
            }
        } else if (!cls.isArray() && !cls.getModule().isNamed()) {
            for (Field f : fields(cls)) {
                Object value;
                try {
                    value = f.get(obj);
                } catch (IllegalAccessException e) {
                    continue;
                }
                children.add(new Object[] {value, path.isEmpty() ? f.getName() : path + "." + f.getName()});
            }
        }
        return children;
    }

    /**
     * Finds, breadth-first, an object of class {@code className} under {@code root} and returns
     * {path of its field {@code field}, class name of that field's value}, or null when none is
     * reachable through fields this walk can read. Used to explain Kryo failures with full paths.
     */
    static String[] locate(Object root, String className, String field) {
        GraphWalk walk = new GraphWalk();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {root, ""});
        seen.put(root, Boolean.TRUE);
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            Object obj = item[0];
            String path = (String) item[1];
            if (obj.getClass().getName().equals(className)) {
                String fieldPath = path.isEmpty() ? field : path + "." + field;
                for (Object[] child : walk.children(obj, path)) {
                    if (fieldPath.equals(child[1])) {
                        return new String[] {fieldPath, child[0] == null ? "null" : child[0].getClass().getName()};
                    }
                }
                return new String[] {fieldPath, null};
            }
            if (ArrayType.of(obj) != null) {
                continue;
            }
            for (Object[] child : walk.children(obj, path)) {
                if (child[0] != null && seen.put(child[0], Boolean.TRUE) == null) {
                    queue.add(child);
                }
            }
        }
        return null;
    }

    private String unique(String path) {
        int uses = pathUses.merge(path, 1, Integer::sum);
        return uses == 1 ? path : path + "#" + uses;
    }

    /** Non-static, non-transient reference fields (the ones Kryo's FieldSerializer writes), made accessible. */
    private List<Field> fields(Class<?> cls) {
        return fieldCache.computeIfAbsent(cls, c -> {
            Map<String, Field> out = new LinkedHashMap<>();
            for (Class<?> k = c; k != null && !k.getModule().isNamed(); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                    } catch (RuntimeException e) {
                        continue;
                    }
                    out.putIfAbsent(out.containsKey(f.getName()) ? k.getSimpleName() + "." + f.getName() : f.getName(), f);
                }
            }
            return new ArrayList<>(out.values());
        });
    }
}
