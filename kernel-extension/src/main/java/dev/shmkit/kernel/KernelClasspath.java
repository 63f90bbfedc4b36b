package dev.shmkit.kernel;

import jdk.jshell.JShell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Jars and directories added to the cells' class path while the kernel runs ({@code %classpath}).
 * Each addition goes to JShell, is scanned for JJava extensions, is published in the system
 * property {@value #PROPERTY} (so toolkit code such as the worker pool can hand the same jars to
 * worker JVMs without depending on the kernel), and is passed to registered listeners.
 */
public final class KernelClasspath {
    /** System property holding every added entry, joined with {@link File#pathSeparator}. */
    public static final String PROPERTY = "shmkit.kernel.classpath";

    private final JShell shell;
    private final Consumer<String> extensionScanner;
    private final List<Path> added = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Path>>> listeners = new CopyOnWriteArrayList<>();

    KernelClasspath(JShell shell, Consumer<String> extensionScanner) {
        this.shell = shell;
        this.extensionScanner = extensionScanner;
    }

    /**
     * Adds entries (each may be a glob such as {@code lib/*.jar}); returns the paths added.
     *
     * @throws IllegalArgumentException if an entry matches no file
     */
    public List<Path> add(List<String> entries) {
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            List<Path> matched = resolve(entry);
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("no file matches '" + entry + "' (cwd="
                        + Path.of("").toAbsolutePath() + "); give a jar, a directory or a glob like lib/*.jar");
            }
            paths.addAll(matched);
        }
        String joined = String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
        shell.addToClasspath(joined);
        added.addAll(paths);
        System.setProperty(PROPERTY, String.join(File.pathSeparator, added.stream().map(Path::toString).toList()));
        extensionScanner.accept(joined);
        List<Path> result = List.copyOf(paths);
        listeners.forEach(l -> l.accept(result));
        return result;
    }

    /** Everything added so far, in order. */
    public List<Path> added() {
        return List.copyOf(added);
    }

    /** Calls {@code listener} with the paths of every later addition. */
    public void onAdd(Consumer<List<Path>> listener) {
        listeners.add(listener);
    }

    /** A path, or a glob in its last part ({@code lib/*.jar}, {@code lib/*}), to absolute existing paths. */
    static List<Path> resolve(String entry) {
        Path path = Path.of(entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1) : entry);
        Path name = path.getFileName();
        if (name == null || !(name.toString().contains("*") || name.toString().contains("?"))) {
            return Files.exists(path) ? List.of(path.toAbsolutePath().normalize()) : List.of();
        }
        Path dir = path.getParent() == null ? Path.of("") : path.getParent();
        if (!Files.isDirectory(dir.toAbsolutePath())) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.toAbsolutePath(), name.toString())) {
            ds.forEach(p -> out.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list '" + entry + "': " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }
}
