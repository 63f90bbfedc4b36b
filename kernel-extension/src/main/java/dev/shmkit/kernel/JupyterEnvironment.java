package dev.shmkit.kernel;

import dev.shmkit.ShmkitException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the {@code jupyter} on {@code PATH} looks for kernels, found as {@code jupyter kernelspec
 * install} finds it: {@code --sys-prefix} is {@code <sys.prefix of jupyter's Python>/share/jupyter/kernels},
 * {@code --user} is {@code <jupyter --data-dir>/kernels}.
 */
final class JupyterEnvironment {
    /** How long asking Python or jupyter for a path may take (a cold start of a big environment). */
    private static final long ASK_SECONDS = 60;
    /** pip's launcher for interpreters whose path is too long for a shebang: {@code '''exec' "/path/python" "$0" "$@"}. */
    private static final Pattern SH_EXEC = Pattern.compile("^'''exec' \"([^\"]+)\"");

    private final Path jupyter;

    private JupyterEnvironment(Path jupyter) {
        this.jupyter = jupyter;
    }

    /** The {@code jupyter} found on {@code path} (a PATH value), if any. */
    static Optional<JupyterEnvironment> onPath(String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "jupyter");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new JupyterEnvironment(candidate.toAbsolutePath()));
            }
        }
        return Optional.empty();
    }

    /** The jupyter executable. */
    Path jupyter() {
        return jupyter;
    }

    /** {@code <sys.prefix>/share/jupyter/kernels} of the Python that runs this jupyter. */
    Path sysPrefixKernels() {
        List<String> cmd = new ArrayList<>(interpreter());
        cmd.addAll(List.of("-c", "import sys; print(sys.prefix)"));
        return Path.of(ask(cmd)).resolve("share").resolve("jupyter").resolve("kernels");
    }

    /** {@code <jupyter --data-dir>/kernels}. */
    Path userKernels() {
        return Path.of(ask(List.of(jupyter.toString(), "--data-dir"))).resolve("kernels");
    }

    /** The interpreter command of the jupyter script: its shebang, or the one pip's sh launcher execs. */
    List<String> interpreter() {
        List<String> lines;
        try (var in = Files.newBufferedReader(jupyter, StandardCharsets.ISO_8859_1)) {
            lines = in.lines().limit(3).toList();
        } catch (IOException e) {
            throw new ShmkitException("cannot read jupyter=" + jupyter + " to find its Python: " + e, e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("#!")) {
            throw new ShmkitException("jupyter=" + jupyter + " is not a Python script (no #! line), so its sys.prefix"
                    + " is unknown; pass --kernels-dir DIR instead of --sys-prefix");
        }
        List<String> shebang = Arrays.asList(lines.get(0).substring(2).trim().split("\\s+"));
        if (shebang.get(0).endsWith("/sh") && lines.size() > 1) {
            Matcher m = SH_EXEC.matcher(lines.get(1));
            if (m.find()) {
                return List.of(m.group(1));
            }
        }
        return shebang;
    }

    private String ask(List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.remove("PYTHONHOME");  // it would point the interpreter at another prefix
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(ASK_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ShmkitException("command=" + cmd + " (for jupyter=" + jupyter + ") took over " + ASK_SECONDS + " s");
            }
            if (p.exitValue() != 0 || out.isEmpty() || out.contains("\n")) {
                throw new ShmkitException("command=" + cmd + " (for jupyter=" + jupyter + ") exited with " + p.exitValue()
                        + " and printed: " + out + "; pass --kernels-dir DIR instead");
            }
            return out;
        } catch (IOException e) {
            throw new ShmkitException("cannot run command=" + cmd + " (for jupyter=" + jupyter + "): " + e
                    + "; pass --kernels-dir DIR instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShmkitException("interrupted while running command=" + cmd, e);
        }
    }
}
