package dev.shmkit.cli;

import dev.shmkit.memory.Bytes;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.segment.SpaceQuota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The single checks of {@code shmkit workshop check}; each returns a verdict with what to fix. */
final class WorkshopChecks {
    /** Java the toolkit is compiled for (maven.compiler.release). */
    static final int MIN_JAVA = 17;
    /** pyarrow and nbclient wheels exist from 3.8 on; older Pythons cannot run the notebooks' Python side. */
    static final int[] MIN_PYTHON = {3, 8};
    /** Notebook 05 puts a 160 MB dict of arrays (and 01 a 16 MB table): below this a student cannot run the notebooks. */
    static final long MIN_QUOTA = 256L << 20;
    /** The kernelspec name ./shmkit install-kernel writes (KernelSpec.DEFAULT_NAME in kernel-extension). */
    static final String KERNEL_NAME = "shmkit";
    /** Median of ./shmkit bench space publish_320MB warm on /dev/shm with 4 KiB pages (this 2-core machine, 2026-12). */
    static final String SMALL_PUBLISH_320MB = "0.3 s";
    /** The same on a tmpfs mounted with huge=within_size (bench variant huge_tmpfs). */
    static final String HUGE_PUBLISH_320MB = "0.1 s";
    /** A notebook of the workshop is meant to run in under a minute; this bounds a stuck one. */
    private static final int NOTEBOOK_TIMEOUT_SECONDS = 300;

    /** One verdict: OK, WARN (works, but look at it) or FAIL (fix before the class). */
    record Check(String level, String what, String detail) {
        boolean failed() {
            return level.equals("FAIL");
        }

        @Override
        public String toString() {
            return String.format("%-4s %-10s %s", level, what, detail);
        }
    }

    private WorkshopChecks() {
    }

    static Check java() {
        Runtime.Version v = Runtime.version();
        return v.feature() >= MIN_JAVA ? new Check("OK", "java", v + " (>= " + MIN_JAVA + ") at " + System.getProperty("java.home"))
                : new Check("FAIL", "java", v + " < " + MIN_JAVA + "; fix: install JDK " + MIN_JAVA + "+ and put it first on PATH");
    }

    static Check python(Path python) {
        if (python == null || !Files.isExecutable(python)) {
            return new Check("FAIL", "python", "no Python at " + python + "; fix: ./shmkit venv (or set SHMKIT_PYTHON)");
        }
        String out = exec(List.of(python.toString(), "-c", "import sys, pyarrow, nbclient;"
                + " print('%d.%d.%d' % sys.version_info[:3], pyarrow.__version__, nbclient.__version__)"), Map.of(), 60);
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+) (\\S+) (\\S+)").matcher(out);
        if (!m.find()) {
            return new Check("FAIL", "python", python + " cannot import pyarrow and nbclient (" + out.strip().lines()
                    .reduce((a, b) -> b).orElse("") + "); fix: ./shmkit venv");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        String v = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (major < MIN_PYTHON[0] || (major == MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
            return new Check("FAIL", "python", v + " < " + MIN_PYTHON[0] + "." + MIN_PYTHON[1] + " at " + python
                    + "; fix: a newer python3, then ./shmkit venv");
        }
        return new Check("OK", "python", v + " with pyarrow " + m.group(4) + ", nbclient " + m.group(5) + " at " + python);
    }

    /** {@code shm}'s size against every student holding their whole quota at once. */
    static Check sharedMemory(Path shm, int students, long quota) {
        long total;
        long usable;
        try {
            total = Files.getFileStore(shm).getTotalSpace();
            usable = Files.getFileStore(shm).getUsableSpace();
        } catch (IOException e) {
            return new Check("FAIL", "shm", "cannot read " + shm + ": " + e + "; fix: mount a tmpfs there or set SHMKIT_DIR");
        }
        String sizes = shm + " size=" + Bytes.human(total) + " free=" + Bytes.human(usable);
        if (quota == SpaceQuota.UNLIMITED) {
            return new Check(students > 1 ? "WARN" : "OK", "shm", sizes + ", no per-student cap" + (students > 1
                    ? ": one student can fill it for all " + students + "; fix: export SHMKIT_MAX_SPACE_BYTES="
                    + Math.max(MIN_QUOTA, usable / students) + " (free / students) for every student" : ""));
        }
        if (quota < MIN_QUOTA) {
            return new Check("FAIL", "quota", "cap=" + Bytes.human(quota) + " < " + Bytes.human(MIN_QUOTA)
                    + " that the workshop notebooks need (05 puts a 160 MB dict of arrays); fix: SHMKIT_MAX_SPACE_BYTES="
                    + (MIN_QUOTA >> 20) + "m or more");
        }
        long need = quota * students;
        if (need > usable) {
            return new Check("FAIL", "shm", sizes + " < students x cap = " + students + " x " + Bytes.human(quota) + " = "
                    + Bytes.human(need) + "; fix: mount -o remount,size=" + ((need >> 30) + 1) + "g " + shm
                    + ", or lower SHMKIT_MAX_SPACE_BYTES to " + usable / students);
        }
        return new Check("OK", "shm", sizes + " >= students x cap = " + students + " x " + Bytes.human(quota) + " = "
                + Bytes.human(need));
    }

    /**
     * Which pages {@code shm} gives: with 4 KiB pages publishing is bound by allocating them; a tmpfs
     * with {@code huge=within_size} gives 2 MiB pages and publishes several times faster.
     */
    static Check pages(Path shm) {
        DevicePages p = DevicePages.of(shm);
        if (p.huge()) {
            return new Check("OK", "pages", p.describe() + ": publishing 320 MB takes ~" + HUGE_PUBLISH_320MB
                    + " (measured with ./shmkit bench space)");
        }
        if (!p.fsType().equals("tmpfs")) {
            return new Check("WARN", "pages", p.describe() + ": not a tmpfs; segments may be written back to a disk;"
                    + " fix: point SHMKIT_DIR at a tmpfs (/dev/shm)");
        }
        return new Check("WARN", "pages", p.describe() + ": publishing 320 MB takes ~" + SMALL_PUBLISH_320MB
                + " (allocating 4 KiB pages), ~" + HUGE_PUBLISH_320MB + " with 2 MiB pages; fix (as root, lasts until"
                + " reboot): mount -o remount,huge=within_size " + p.mountPoint() + " (or huge=within_size in its /etc/fstab line)");
    }

    static Check cores(int students, int workersPerStudent) {
        int cores = Runtime.getRuntime().availableProcessors();
        int need = students * workersPerStudent;
        String s = "cores=" + cores + ", students x workers = " + students + " x " + workersPerStudent + " = " + need;
        if (need <= cores) {
            return new Check("OK", "cores", s);
        }
        return new Check(need > 2 * cores ? "FAIL" : "WARN", "cores", s + " > cores: jobs will time-share and the"
                + " speed-ups the notebooks show will not appear; fix: SHMKIT_MAX_WORKERS=" + Math.max(1, cores / students)
                + " for every student, or a machine with " + need + " cores");
    }

    /** The kernelspec {@value #KERNEL_NAME} in the first of {@code dirs} that has it, with its java present. */
    static Check kernel(List<Path> dirs) {
        for (Path d : dirs) {
            Path spec = d.resolve(KERNEL_NAME).resolve("kernel.json");
            if (!Files.isRegularFile(spec)) {
                continue;
            }
            try {
                String json = Files.readString(spec);
                Matcher m = Pattern.compile("\"argv\"\\s*:\\s*\\[\\s*\"([^\"]+)\"").matcher(json);
                String java = m.find() ? m.group(1) : null;
                if (java == null || !Files.isExecutable(Path.of(java))) {
                    return new Check("FAIL", "kernel", spec + " names no runnable java (argv[0]=" + java
                            + "); fix: ./shmkit install-kernel");
                }
                return new Check("OK", "kernel", "'" + KERNEL_NAME + "' at " + spec);
            } catch (IOException e) {
                return new Check("FAIL", "kernel", "cannot read " + spec + ": " + e + "; fix: ./shmkit install-kernel");
            }
        }
        return new Check("FAIL", "kernel", "no kernelspec '" + KERNEL_NAME + "' in " + dirs
                + "; fix: ./shmkit install-kernel --sys-prefix (the venv's Jupyter) or --user");
    }

    /**
     * Runs {@code notebook} headless through the installed kernel, as a student with {@code env}
     * (their caps) would, in a space directory of its own that is removed afterwards.
     */
    static Check notebook(Path python, Path notebook, Map<String, String> env) {
        String name = notebook.getFileName().toString();
        Path script;
        Path spaces;
        try {
            script = Files.createTempFile("shmkit-check-", ".py");
            try (InputStream in = WorkshopChecks.class.getResourceAsStream("check_notebook.py")) {
                Files.write(script, in.readAllBytes());
            }
            spaces = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(
                    System.getProperty("java.io.tmpdir")), "shmkit-check-");
        } catch (IOException e) {
            return new Check("FAIL", "notebook", name + ": cannot prepare the run: " + e);
        }
        try {
            Map<String, String> e = new java.util.HashMap<>(env);
            e.put("SHMKIT_DIR", spaces.toString());
            e.putIfAbsent("SHMKIT_PYTHON", python.toString());
            long t0 = System.nanoTime();
            String out = exec(List.of(python.toString(), script.toString(), notebook.toString(), KERNEL_NAME,
                    notebook.getParent().toString()), e, NOTEBOOK_TIMEOUT_SECONDS);
            boolean ok = out.startsWith("exit=0\n");
            String body = out.substring(out.indexOf('\n') + 1).strip().replace("\n", "\n                ");
            return new Check(ok ? "OK" : "FAIL", "notebook", name + String.format(" (%.0f s): ", (System.nanoTime() - t0) / 1e9)
                    + body + (ok ? "" : "; fix: the first error above (a cap too small shows as a refused publish"
                    + " or worker count)"));
        } finally {
            deleteTree(spaces);
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it
            }
        }
    }

    /** Runs a command; returns "exit=N\n" + its output (stderr merged), or the failure to start it. */
    static String exec(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return "exit=timeout\ntook over " + timeoutSeconds + " s";
            }
            reader.join();
            return "exit=" + p.exitValue() + "\n" + new String(out[0], StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "exit=start\n" + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit=interrupted\n";
        }
    }

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort on a temporary directory
        }
    }
}
