package dev.shmkit.pool.local;

import dev.shmkit.JvmFlags;
import dev.shmkit.ShmkitException;
import dev.shmkit.pool.PoolOptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts worker JVMs: the parent's {@code java}, {@link JvmFlags#forCurrentRuntime()}, the parent's
 * class path (plus the URLs of loaders above shmkit's, which is where the jshell tool puts its
 * {@code --class-path}) and any added entries. Forwards each worker's output lines prefixed
 * with {@code [w<id>] }.
 */
final class WorkerLauncher {
    /** Environment variable carrying the pool's secret to its workers (the environment is private to the user). */
    static final String TOKEN_ENV = "SHMKIT_POOL_TOKEN";
    /**
     * Makes Chronicle Bytes really unmap a file when its last reference is released (it keeps the
     * mapping otherwise), so a copy-mode task's private copy gives its memory back at once.
     * Measured cost on the share path today: about +80 us per task (W1-like job, medians 206-225 us
     * without, 285-299 us with), to be recovered where the segment layer releases mappings.
     */
    static final String RETAIN_FLAG = "-DmappedFile.retain=true";
    private final PoolOptions options;
    private final Path socket;
    private final String token;
    private final List<Path> addedClasspath = new CopyOnWriteArrayList<>();
    private final List<String> archiveCommand;
    private final String archiveClasspath;
    private final WorkerArchive archive;

    WorkerLauncher(PoolOptions options, Path socket, String token) {
        this.options = options;
        this.socket = socket;
        this.token = token;
        addedClasspath.addAll(options.classpath());
        this.archiveCommand = javaAndFlags();
        this.archiveClasspath = classpath();
        // entries added later go after these: a JVM uses an archive whose class path is a prefix of its own
        this.archive = WorkerArchive.of(archiveCommand.subList(1, archiveCommand.size()), archiveClasspath);
    }

    void addClasspath(Path entry) {
        addedClasspath.add(entry);
    }

    /** This pool's worker archive (decided when the pool starts; see {@link WorkerArchive}). */
    WorkerArchive archive() {
        return archive;
    }

    /** Starts making the workers' archive in the background if there is none yet ({@link WorkerArchiveTrainer}). */
    CompletableFuture<Path> makeArchiveIfMissing() {
        return WorkerArchiveTrainer.startIfMissing(archive, archiveCommand, archiveClasspath);
    }

    /** {@code java} and the flags of every worker, up to (without) {@code -cp}. */
    private List<String> javaAndFlags() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(JvmFlags.forCurrentRuntime());
        if (!JvmFlags.forCurrentRuntime().contains(RETAIN_FLAG)) {
            cmd.add(RETAIN_FLAG);
        }
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Dslf4j.internal.verbosity=ERROR");
        if (options.heap() != null) {
            cmd.add("-Xmx" + options.heap());
        }
        cmd.addAll(options.jvmFlags());
        return cmd;
    }

    Process launch(int id) {
        List<String> cmd = new ArrayList<>(javaAndFlags());
        cmd.addAll(archive.launchFlags());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(WorkerMain.class.getName());
        cmd.add(socket.toString());
        cmd.add(Integer.toString(id));
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(options.environment());
        pb.environment().put(TOKEN_ENV, token);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            pump(p.getInputStream(), id, false);
            pump(p.getErrorStream(), id, true);
            return p;
        } catch (IOException e) {
            throw new ShmkitException("worker " + id + ": starting command=" + cmd.get(0) + " failed: " + e, e);
        }
    }

    /**
     * This JVM's {@code java}. The process command is used when it is a {@code java} launcher; the
     * jshell tool (or a jpackage'd app) runs under another launcher, so then {@code java.home} decides.
     */
    static String javaCommand() {
        String fallback = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = ProcessHandle.current().info().command().orElse(fallback);
        String name = Path.of(cmd).getFileName().toString();
        return name.equals("java") || name.equals("java.exe") ? cmd : fallback;
    }

    private String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        for (ClassLoader l = WorkerLauncher.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException ignored) {
                            // not a plain file URL; the worker could not use it either
                        }
                    }
                }
            }
        }
        for (Path p : addedClasspath) {
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pump(InputStream in, int id, boolean err) {
        Thread t = new Thread(() -> {
            String prefix = "[w" + id + "] ";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    PrintStream target = err ? System.err : System.out;
                    target.println(prefix + line);
                }
            } catch (IOException ignored) {
                // the worker is gone; its last lines were forwarded
            }
        }, "shmkit-w" + id + (err ? "-err" : "-out"));
        t.setDaemon(true);
        t.start();
    }
}
