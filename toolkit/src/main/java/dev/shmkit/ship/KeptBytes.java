package dev.shmkit.ship;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Reads the bytes a class loader keeps for the classes it defined, for loaders that do not serve
 * them as resources. Stock JJava's snippet loader ({@code JJavaLoaderDelegate$JJavaClassLoader},
 * 1.0-a6 up to its current head) is one: it only overrides {@code findClass}, and its enclosing
 * {@code JJavaLoaderDelegate} keeps every snippet class JShell handed it in a private
 * {@code Map<String, byte[]> declaredClasses} keyed by binary name, redefinitions included.
 *
 * <p>The map is found by its type, not by its name: a {@code Map<String, byte[]>} field of the
 * loader, or of the instance that encloses it (an inner class's {@code this$0}). A loader in a
 * named module that does not open its package to shmkit keeps its map private; then nothing is read.
 */
final class KeptBytes {
    /** The field that refers from an inner class to its enclosing instance (javac's name, stable since Java 1.1). */
    private static final String OUTER = "this$0";

    /** Where a loader class keeps its map, found once per loader class. */
    private static final ClassValue<List<Field>> PATHS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private KeptBytes() {
    }

    /**
     * The bytes {@code loader} keeps for {@code binaryName}, or null when it keeps none (no such
     * map, not accessible, or the class is not in it).
     */
    static byte[] read(ClassLoader loader, String binaryName) {
        List<Field> path = PATHS.get(loader.getClass());
        if (path.isEmpty()) {
            return null;
        }
        try {
            Object at = loader;
            for (Field f : path) {
                at = f.get(at);
                if (at == null) {
                    return null;
                }
            }
            Object bytes = ((Map<?, ?>) at).get(binaryName);
            return bytes instanceof byte[] b ? b.clone() : null;
        } catch (IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    /** The fields from a loader of {@code type} to its kept-bytes map; empty when there is none. */
    private static List<Field> find(Class<?> type) {
        Field own = bytesMap(type);
        if (own != null) {
            return List.of(own);
        }
        Field outer = field(type, OUTER);
        if (outer != null) {
            Field kept = bytesMap(outer.getType());
            if (kept != null) {
                return List.of(outer, kept);
            }
        }
        return List.of();
    }

    /** A {@code Map<String, byte[]>} instance field of {@code type} or its superclasses, made accessible. */
    private static Field bytesMap(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class && c != ClassLoader.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && isStringToBytes(f.getGenericType()) && open(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        for (Field f : type.getDeclaredFields()) {
            if (f.getName().equals(name) && open(f)) {
                return f;
            }
        }
        return null;
    }

    private static boolean isStringToBytes(Type t) {
        if (!(t instanceof ParameterizedType p) || !(p.getRawType() instanceof Class<?> raw)
                || !Map.class.isAssignableFrom(raw)) {
            return false;
        }
        Type[] args = p.getActualTypeArguments();
        return args.length == 2 && args[0] == String.class && args[1] == byte[].class;
    }

    private static boolean open(Field f) {
        try {
            return f.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }
}
