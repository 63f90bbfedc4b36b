package dev.shmkit.kernel;

import dev.shmkit.JvmFlags;
import dev.shmkit.ShmkitException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes shmkit's kernelspec into a Jupyter {@code kernels} directory. The launcher
 * ({@code ./shmkit install-kernel --user|--sys-prefix}) picks the directory; the java running the
 * installer is the java the kernel will run on, so the JVM flags match its version.
 *
 * <pre>java -cp KERNEL_CLASSPATH dev.shmkit.kernel.KernelInstaller (--sys-prefix | --user | --kernels-dir DIR) [--name N] [--display-name D] [--no-copy]</pre>
 *
 * {@code --sys-prefix} and {@code --user} mean what they mean to {@code jupyter kernelspec install}, for the
 * {@code jupyter} on {@code PATH} ({@link JupyterEnvironment}): the environment of the Python that runs it,
 * or the user's Jupyter data directory.
 *
 * By default the jars of the installer's own class path are copied into {@code DIR/N/lib}, so the
 * kernel keeps working after {@code mvn clean}; {@code --no-copy} refers to them where they are.
 */
public final class KernelInstaller {
    private static final String USAGE = "usage: KernelInstaller (--sys-prefix | --user | --kernels-dir DIR)"
            + " [--name NAME] [--display-name TEXT] [--no-copy]";

    private KernelInstaller() {
    }

    /** Command line entry; prints the kernel directory written. */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = parse(args);
        Path kernels;
        try {
            kernels = kernelsDir(opts, System.getenv("PATH"));
        } catch (ShmkitException e) {
            fail(e.getMessage());
            return;
        }
        String name = opts.getOrDefault("--name", KernelSpec.DEFAULT_NAME);
        KernelSpec spec = spec(name, opts.getOrDefault("--display-name", "Java (shmkit)"),
                currentClassPath(), !opts.containsKey("--no-copy") ? kernels.resolve(name).resolve("lib") : null);
        Path dir = spec.writeTo(kernels);
        System.out.println("installed kernel '" + name + "' in " + dir + " (java " + spec.java() + ")");
    }

    /** The kernels directory the options name; {@code path} is the PATH searched for {@code jupyter}. */
    static Path kernelsDir(Map<String, String> opts, String path) {
        if (opts.containsKey("--kernels-dir")) {
            return Path.of(opts.get("--kernels-dir")).toAbsolutePath();
        }
        Optional<JupyterEnvironment> jupyter = JupyterEnvironment.onPath(path);
        if (opts.containsKey("--user")) {
            if (jupyter.isPresent()) {
                return jupyter.get().userKernels();
            }
            String data = System.getenv("JUPYTER_DATA_DIR");
            String xdg = System.getenv("XDG_DATA_HOME");
            Path base = data != null ? Path.of(data)
                    : (xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share")).resolve("jupyter");
            return base.resolve("kernels");
        }
        JupyterEnvironment env = jupyter.orElseThrow(() -> new ShmkitException(
                "--sys-prefix: no jupyter on PATH=" + path + "; activate the environment whose Jupyter should get"
                        + " the kernel, or pass --kernels-dir DIR (or --user)"));
        Path dir = env.sysPrefixKernels();
        System.out.println("jupyter on PATH: " + env.jupyter() + " (its environment's kernels: " + dir + ")");
        return dir;
    }

    /**
     * A spec for this JVM's java with the flags for its version; if {@code libDir} is not null the jars
     * of {@code classPath} are copied there and referred to from there.
     */
    public static KernelSpec spec(String name, String displayName, List<Path> classPath, Path libDir) throws IOException {
        List<Path> cp = classPath;
        if (libDir != null) {
            cp = copyJars(classPath, libDir);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new KernelSpec(name, displayName, java, JvmFlags.forCurrentRuntime(), cp, Map.of());
    }

    /** This JVM's class path as absolute paths. */
    public static List<Path> currentClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
    }

    private static List<Path> copyJars(List<Path> classPath, Path libDir) throws IOException {
        Files.createDirectories(libDir);
        try (var old = Files.list(libDir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path p : classPath) {
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                Path target = libDir.resolve(p.getFileName());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                out.add(target);
            } else {
                out.add(p); // a classes directory (development build): used in place
            }
        }
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kernels-dir", "--name", "--display-name" -> {
                    if (i + 1 >= args.length) {
                        fail(args[i] + " needs a value");
                    }
                    opts.put(args[i], args[++i]);
                }
                case "--no-copy", "--sys-prefix", "--user" -> opts.put(args[i], "");
                default -> fail("unknown option '" + args[i] + "'");
            }
        }
        long targets = Stream.of("--kernels-dir", "--sys-prefix", "--user").filter(opts::containsKey).count();
        if (targets != 1) {
            fail("give exactly one of --sys-prefix, --user, --kernels-dir DIR");
        }
        return opts;
    }

    private static void fail(String why) {
        System.err.println("KernelInstaller: " + why + "\n" + USAGE);
        System.exit(2);
    }
}
