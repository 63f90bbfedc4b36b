package dev.shmkit.cli;

/** {@code shmkit bench space}: runs a benchmark; each prints JSON lines. */
final class BenchCommand {
    private BenchCommand() {
    }

    static void run(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new UsageException("which benchmark? usage: shmkit bench space|jobs");
        }
        switch (argv[0]) {
            case "space" -> dev.shmkit.bench.SpaceBench.main(java.util.Arrays.copyOfRange(argv, 1, argv.length));
            case "jobs" -> dev.shmkit.job.JobBench.main(java.util.Arrays.copyOfRange(argv, 1, argv.length));
            default -> throw new UsageException("unknown benchmark '" + argv[0] + "'; usage: shmkit bench space|jobs");
        }
    }
}
