package dev.shmkit.object;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Which classes Kryo may resolve (and so instantiate) while reading bytes shmkit did not produce
 * in this process: object segments and frames from sockets. A class name read from the data is
 * loaded without initialisation, asked {@link #allows}, and refused with a
 * {@link ClassNotAllowedException} before any of its code runs.
 *
 * <p>{@link #standard()} is the base every reader uses: primitives, boxes and {@code String}, JDK
 * collections and maps (and their {@code java.util} comparators), a few JDK value types, arrays of
 * allowed classes, shmkit's own classes and the classes registered with {@link Kryos#allow}.
 * Readers widen it: an object segment read also allows the declared type, and classes defined by
 * a session loader (JShell's, or a worker's) the caller passes; the pool allows its job's loader
 * and the application class path ({@link #application}).
 */
@FunctionalInterface
public interface ClassPolicy {

    /** Whether {@code type} (loaded, not initialised) may be instantiated by the reader. */
    boolean allows(Class<?> type);

    /** This policy or {@code other}. */
    default ClassPolicy or(ClassPolicy other) {
        Objects.requireNonNull(other, "other");
        return type -> allows(type) || other.allows(type);
    }

    /** The base allow-list (see the class comment), including {@link Kryos#allow registered} classes. */
    static ClassPolicy standard() {
        return StandardClasses::allows;
    }

    /** Exactly these classes (not their subclasses). */
    static ClassPolicy exactly(Class<?>... types) {
        Set<Class<?>> set = Set.copyOf(Arrays.asList(types));
        return set::contains;
    }

    /**
     * Classes whose defining loader is {@code loader}: the code of one session (a JShell snippet
     * loader, a worker's session loader), not the libraries its parents see. A null loader allows
     * nothing.
     */
    static ClassPolicy definedBy(ClassLoader loader) {
        return type -> loader != null && type.getClassLoader() == loader;
    }

    /**
     * Classes defined by {@code loader} or one of its parents below the platform class loader:
     * a session's code and the application class path (libraries included), not the JDK's classes
     * (those pass only through {@link #standard()}). The pool's frames use this with the job's loader.
     */
    static ClassPolicy application(ClassLoader loader) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        return type -> {
            ClassLoader defining = type.getClassLoader();
            if (defining == null || defining == platform) {
                return false;
            }
            for (ClassLoader l = loader; l != null && l != platform; l = l.getParent()) {
                if (l == defining) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Every class: only for bytes this process wrote itself. */
    static ClassPolicy any() {
        return type -> true;
    }
}
