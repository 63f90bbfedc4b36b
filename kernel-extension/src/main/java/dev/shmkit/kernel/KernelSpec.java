package dev.shmkit.kernel;

import com.google.gson.GsonBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter kernelspec for shmkit's kernel: {@code kernel.json} with absolute paths, the JVM flags
 * the toolkit needs on the java that will run it, and {@code interrupt_mode: message} (the kernel
 * stops a cell when it receives {@code interrupt_request}; it does not handle SIGINT).
 *
 * @param name        directory name under {@code kernels/}, and the kernel name notebooks refer to
 * @param displayName name shown in the Jupyter launcher
 * @param java        absolute path of the java executable
 * @param jvmFlags    flags placed before the class path
 * @param classPath   absolute class path entries (kernel, toolkit and their dependencies)
 * @param env         environment the kernel process gets (absolute values; Jupyter does not substitute here)
 */
public record KernelSpec(String name, String displayName, Path java, List<String> jvmFlags, List<Path> classPath,
                         Map<String, String> env) {
    /** Kernel name used unless another is given. */
    public static final String DEFAULT_NAME = "shmkit";

    /** Java command line Jupyter runs; {@code {connection_file}} is substituted by Jupyter. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmFlags);
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /** The content of kernel.json. */
    public String json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv());
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", env);
        spec.put("metadata", Map.of("debugger", false));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * Writes {@code <kernelsDir>/<name>/kernel.json}; returns the kernel's directory.
     *
     * @param kernelsDir a Jupyter {@code kernels} directory, e.g. {@code <venv>/share/jupyter/kernels}
     */
    public Path writeTo(Path kernelsDir) throws IOException {
        Path dir = kernelsDir.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"), json());
        return dir;
    }
}
