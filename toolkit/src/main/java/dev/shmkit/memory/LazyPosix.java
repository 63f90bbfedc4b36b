package dev.shmkit.memory;

import net.openhft.posix.PosixAPI;
import net.openhft.posix.internal.PosixAPIHolder;
import net.openhft.posix.internal.jnr.JNRPosixAPI;
import net.openhft.posix.internal.noop.NoOpPosixAPI;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Chronicle's posix bindings, loaded at their first call instead of when Chronicle initialises.
 *
 * <p>Chronicle Core's {@code Jvm} initialiser fetches {@code PosixAPI.posix()} eagerly, which builds the
 * jnr-ffi bindings: 0.2-0.35 s of CPU in a fresh JVM (generated classes, a native library extracted
 * from its jar), measured in a worker's start, where nothing calls them (a worker maps what it reads;
 * it needs {@code fallocate} and {@code madvise} only when it writes through a mapping). Installed
 * before any Chronicle class loads, this stand-in answers {@code posix()} and builds the real bindings,
 * as Chronicle would have, at the first method called on it; from then on {@code posix()} returns them.
 */
final class LazyPosix implements InvocationHandler {
    private PosixAPI real;

    private LazyPosix() {
    }

    /** Installs the stand-in unless bindings are loaded already. */
    static synchronized void install() {
        if (PosixAPIHolder.POSIX_API == null) {
            PosixAPIHolder.POSIX_API = standIn();
        }
    }

    /** A stand-in that builds the bindings at its first call (and installs them for {@code posix()}). */
    static PosixAPI standIn() {
        return (PosixAPI) Proxy.newProxyInstance(PosixAPI.class.getClassLoader(), new Class<?>[] {PosixAPI.class},
                new LazyPosix());
    }

    /** True while {@code posix()} answers with a stand-in whose bindings are not built yet. */
    static boolean deferred() {
        PosixAPI p = PosixAPIHolder.POSIX_API;
        return p != null && Proxy.isProxyClass(p.getClass());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "PosixAPI (not loaded yet)";
            };
        }
        try {
            return method.invoke(real(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized PosixAPI real() {
        if (real == null) {
            PosixAPI loaded;
            try {
                loaded = new JNRPosixAPI();  // as PosixAPIHolder.loadPosixApi does on a Unix
            } catch (Throwable e) {
                loaded = new NoOpPosixAPI(e.toString());  // and its fallback: every call then throws
            }
            real = loaded;
            PosixAPIHolder.POSIX_API = loaded;
        }
        return real;
    }
}
