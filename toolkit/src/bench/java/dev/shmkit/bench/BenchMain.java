package dev.shmkit.bench;

import java.util.Arrays;

/**
 * {@code ./shmkit bench space|jobs [ARGS...]}: runs one benchmark. The launcher starts this class
 * directly with the test classes on the class path, so the library's CLI never names a benchmark.
 */
public final class BenchMain {
    private static final String USAGE = "usage: shmkit bench space|jobs [start|w3|w1]...";

    private BenchMain() {
    }

    /** Dispatches to {@link SpaceBench} or {@link JobBench}; exits with 2 on a usage error. */
    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "space" -> SpaceBench.main(rest);
            case "jobs" -> JobBench.main(rest);
            default -> {
                System.err.println("shmkit bench: " + (which.isEmpty() ? "which benchmark?" : "unknown benchmark '" + which + "'")
                        + " " + USAGE);
                System.exit(2);
            }
        }
    }
}
