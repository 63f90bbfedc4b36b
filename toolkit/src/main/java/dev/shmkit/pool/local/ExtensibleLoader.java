package dev.shmkit.pool.local;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** The worker's base loader: the class path it started with plus jars the parent adds later. */
final class ExtensibleLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    ExtensibleLoader(ClassLoader parent) {
        super("shmkit-worker-classpath", new URL[0], parent);
    }

    void add(Path path) {
        try {
            addURL(path.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("classpath entry path=" + path + " is not a valid URL", e);
        }
    }
}
