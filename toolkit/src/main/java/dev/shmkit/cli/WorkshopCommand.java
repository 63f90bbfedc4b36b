package dev.shmkit.cli;

import dev.shmkit.memory.Bytes;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.segment.SpaceQuota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code shmkit workshop check}: whether this machine can hold a class. Checks Java and Python
 * (with pyarrow and nbclient), {@code /dev/shm} against students x per-student cap, cores against
 * students x workers, the installed {@code shmkit} kernel, and runs workshop notebooks headless
 * through that kernel with a student's caps. Prints one line per check with what to fix; exits 1
 * when any check failed.
 */
final class WorkshopCommand {
    static final String USAGE = "shmkit workshop check [--students N] [--workers W] [--quota SIZE] [--notebooks 01,03|all|none]"
            + " [--python PATH] [--kernels-dir DIR] [--repo DIR] [--shm DIR]";
    /** Workers per student when no cap is set: the notebooks use two (%workers 2). */
    static final int DEFAULT_WORKERS = 2;
    /** The notebook run by default: the main lesson, about half a minute; --notebooks all runs every one. */
    static final String DEFAULT_NOTEBOOKS = "01";

    private WorkshopCommand() {
    }

    /** Runs the command; returns the exit code (0 ready, 1 problems). */
    static int run(String[] argv) {
        Args a = Args.parse(argv, Set.of(), Set.of("students", "workers", "quota", "notebooks", "python", "kernels-dir",
                "repo", "shm"), USAGE);
        if (a.positional.size() != 1 || !a.positional.get(0).equals("check")) {
            throw new UsageException("expected 'check'; usage: " + USAGE);
        }
        int students = a.getInt("students", 1, USAGE);
        int cap = PoolOptions.maxWorkers();
        int workers = a.getInt("workers", cap == PoolOptions.UNLIMITED_WORKERS ? DEFAULT_WORKERS : cap, USAGE);
        if (students < 1 || workers < 1) {
            throw new UsageException("--students and --workers must be >= 1; usage: " + USAGE);
        }
        long quota = a.options.containsKey("quota") ? SpaceQuota.parse(a.get("quota", ""), "--quota") : SpaceQuota.configuredCap();
        Path repo = Path.of(a.get("repo", System.getProperty("user.dir"))).toAbsolutePath();
        Path python = Path.of(a.get("python", pythonDefault(repo)));

        System.out.println("shmkit workshop check: students=" + students + " workers/student=" + workers + " cap/student="
                + (quota == SpaceQuota.UNLIMITED ? "none" : Bytes.human(quota)) + " repo=" + repo);
        List<WorkshopChecks.Check> checks = new ArrayList<>();
        checks.add(report(WorkshopChecks.java()));
        checks.add(report(WorkshopChecks.python(python)));
        checks.add(report(WorkshopChecks.sharedMemory(Path.of(a.get("shm", "/dev/shm")), students, quota)));
        checks.add(report(WorkshopChecks.pages(Path.of(a.get("shm", "/dev/shm")))));
        checks.add(report(WorkshopChecks.cores(students, workers)));
        WorkshopChecks.Check kernel = report(WorkshopChecks.kernel(kernelDirs(a.get("kernels-dir", null), repo)));
        checks.add(kernel);
        List<Path> notebooks = notebooks(repo.resolve("notebooks"), a.get("notebooks", DEFAULT_NOTEBOOKS));
        if (!notebooks.isEmpty() && (kernel.failed() || checks.get(1).failed())) {
            checks.add(report(new WorkshopChecks.Check("FAIL", "notebook", "not run: fix the kernel and Python first")));
        } else {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(PoolOptions.MAX_WORKERS_ENV, Integer.toString(workers));
            if (quota != SpaceQuota.UNLIMITED) {
                env.put(SpaceQuota.MAX_SPACE_ENV, Long.toString(quota));
            }
            for (Path nb : notebooks) {
                checks.add(report(WorkshopChecks.notebook(python, nb, env)));
            }
        }
        long failed = checks.stream().filter(WorkshopChecks.Check::failed).count();
        System.out.println(failed == 0 ? "ready: this machine can hold the class as checked"
                : failed + " problem" + (failed == 1 ? "" : "s") + ": fix the FAIL lines above before the class");
        return failed == 0 ? 0 : 1;
    }

    private static WorkshopChecks.Check report(WorkshopChecks.Check c) {
        System.out.println(c);
        System.out.flush();
        return c;
    }

    private static String pythonDefault(Path repo) {
        String env = System.getenv("SHMKIT_PYTHON");
        return env != null && !env.isBlank() ? env : repo.resolve(".venv/bin/python").toString();
    }

    /** Where Jupyter looks for kernelspecs, in its order (JUPYTER_PATH, the venv, the user's, the system's). */
    static List<Path> kernelDirs(String explicit, Path repo) {
        List<Path> dirs = new ArrayList<>();
        if (explicit != null) {
            dirs.add(Path.of(explicit));
            return dirs;
        }
        String jp = System.getenv("JUPYTER_PATH");
        if (jp != null && !jp.isBlank()) {
            for (String p : jp.split(java.io.File.pathSeparator)) {
                dirs.add(Path.of(p, "kernels"));
            }
        }
        dirs.add(repo.resolve(".venv/share/jupyter/kernels"));
        String data = System.getenv("JUPYTER_DATA_DIR");
        dirs.add(data != null && !data.isBlank() ? Path.of(data, "kernels")
                : Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"));
        dirs.add(Path.of("/usr/local/share/jupyter/kernels"));
        dirs.add(Path.of("/usr/share/jupyter/kernels"));
        return dirs;
    }

    /** The notebooks named by {@code which}: "all", "none", or numbers like "01,03". */
    static List<Path> notebooks(Path dir, String which) {
        if (which.equals("none")) {
            return List.of();
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("no notebooks directory " + dir + " (" + e + "); run from the repository or pass --repo");
        }
        if (which.equals("all")) {
            return all;
        }
        List<Path> picked = new ArrayList<>();
        for (String n : which.split(",")) {
            Path hit = all.stream().filter(p -> p.getFileName().toString().startsWith(n.strip() + "-")).findFirst()
                    .orElseThrow(() -> new UsageException("no notebook numbered '" + n + "' in " + dir + "; usage: " + USAGE));
            picked.add(hit);
        }
        return picked;
    }
}
