package dev.shmkit.testing;

import jdk.jshell.JShell;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JShell execution engine whose snippet loader behaves like stock JJava's
 * ({@code org.dflib.jjava.kernel.execution.JJavaLoaderDelegate}, 1.0-a6 to its head): the delegate
 * keeps each snippet class's bytes in a private {@code Map<String, byte[]> declaredClasses}, and its
 * inner {@code URLClassLoader} overrides only {@code findClass}, so
 * {@code getResourceAsStream("REPL/$JShell$N.class")} returns null. JJava is not on Maven Central,
 * so CI tests shmkit's shipping against this stand-in of the same shape.
 */
public final class JJavaLikeEngine implements ExecutionControlProvider {
    private volatile Delegate delegate;
    private volatile Exec exec;

    /** A shell on this engine with {@code classpath} added. */
    public static JShell shell(Iterable<String> classpath, java.io.PrintStream out) {
        JJavaLikeEngine engine = new JJavaLikeEngine();
        JShell shell = JShell.builder().executionEngine(engine, Map.of()).out(out).err(out).build();
        for (String e : classpath) {
            shell.addToClasspath(e);
        }
        return shell;
    }

    @Override
    public String name() {
        return "jjava-like";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        delegate = new Delegate();
        exec = new Exec(delegate);
        return exec;
    }

    /** The live value of the last snippet run (JJava's execution control keeps it the same way), then forgets it. */
    public Object takeLastValue() {
        Object v = exec.last;
        exec.last = null;
        return v;
    }

    /** Keeps each snippet's live value, as JJava's JJavaExecutionControl does for its kernel's evalRaw. */
    static final class Exec extends DirectExecutionControl {
        volatile Object last;

        Exec(LoaderDelegate delegate) {
            super(delegate);
        }

        @Override
        protected String invoke(java.lang.reflect.Method doitMethod) throws Exception {
            last = doitMethod.invoke(null);
            return valueString(last);
        }
    }

    /** The snippet loader of the last shell this engine made. */
    public ClassLoader loader() {
        return delegate.classLoader;
    }

    /** Shaped like JJavaLoaderDelegate: bytes kept in a map of the delegate, loader is an inner class. */
    static final class Delegate implements LoaderDelegate {
        private final Map<String, byte[]> declaredClasses = new ConcurrentHashMap<>();
        private final Map<String, Class<?>> loadedClasses = new ConcurrentHashMap<>();
        private final Loader classLoader = new Loader();

        @Override
        public void load(ExecutionControl.ClassBytecodes[] cbcs) throws ExecutionControl.ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ExecutionControl.ClassBytecodes cbc : cbcs) {
                declaredClasses.put(cbc.name(), cbc.bytecodes());
            }
            int i = 0;
            for (ExecutionControl.ClassBytecodes cbc : cbcs) {
                try {
                    loadedClasses.put(cbc.name(), classLoader.findClass(cbc.name()));
                } catch (ClassNotFoundException e) {
                    throw new ExecutionControl.ClassInstallException("Unable to load class " + cbc.name(), installed);
                }
                installed[i++] = true;
            }
        }

        @Override
        public void classesRedefined(ExecutionControl.ClassBytecodes[] cbcs) {
            for (ExecutionControl.ClassBytecodes cbc : cbcs) {
                declaredClasses.put(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws ExecutionControl.InternalException {
            for (String next : path.split(File.pathSeparator)) {
                try {
                    classLoader.addURL(Path.of(next).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ExecutionControl.InternalException("Unable to resolve classpath " + next);
                }
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> klass = loadedClasses.get(name);
            if (klass == null && declaredClasses.containsKey(name)) {
                klass = classLoader.loadClass(name);
            }
            if (klass == null) {
                throw new ClassNotFoundException(name + " not found");
            }
            return klass;
        }

        /** Like JJavaClassLoader: an inner URLClassLoader that defines kept bytes in findClass, nothing else. */
        final class Loader extends URLClassLoader {
            Loader() {
                super(new URL[0]);
            }

            @Override
            protected void addURL(URL url) {
                super.addURL(url);
            }

            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] data = declaredClasses.get(name);
                if (data == null) {
                    return super.findClass(name);
                }
                try {
                    return defineClass(name, data, 0, data.length, (java.security.CodeSource) null);
                } catch (LinkageError er) {
                    throw new ClassNotFoundException(name, er);
                }
            }
        }
    }
}
