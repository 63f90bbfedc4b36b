package dev.shmkit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./shmkit bench space|jobs|micro|cluster [ARGS...] [--compare FILE]}: runs one benchmark; with
 * {@code --compare}, each figure is then printed (on stderr) beside the same figure of a saved run's
 * JSON lines and the ratio ({@link BenchCompare}). The launcher starts this class directly with the
 * test classes on the class path, so the library's CLI never names a benchmark.
 */
public final class BenchMain {
    private static final String USAGE =
            "usage: shmkit bench space [huge]|jobs [start|w3|w1|w5|w6]...|micro [JMH ARGS...]|cluster [--compare FILE]";

    private BenchMain() {
    }

    /** Dispatches to {@link SpaceBench}, {@link JobBench}, {@link MicroBench} or {@link ClusterBench}; exits with 2 on a usage error. */
    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        Path previous = null;
        int c = all.indexOf("--compare");
        if (c >= 0) {
            if (c + 1 >= all.size()) {
                System.err.println("shmkit bench: --compare needs a FILE of a saved run's JSON lines; " + USAGE);
                System.exit(2);
            }
            previous = Path.of(all.remove(c + 1));
            all.remove(c);
        }
        String which = all.isEmpty() ? "" : all.get(0);
        String[] rest = all.isEmpty() ? new String[0] : all.subList(1, all.size()).toArray(new String[0]);
        BenchCompare.ThrowingRunnable body = switch (which) {
            case "space" -> () -> SpaceBench.main(rest);
            case "jobs" -> () -> JobBench.main(rest);
            case "micro" -> () -> MicroBench.main(rest);
            case "cluster" -> () -> ClusterBench.main(rest);
            default -> null;
        };
        if (body == null) {
            System.err.println("shmkit bench: " + (which.isEmpty() ? "which benchmark?" : "unknown benchmark '" + which + "'")
                    + " " + USAGE);
            System.exit(2);
        }
        if (previous == null) {
            body.run();
        } else {
            BenchCompare.around(previous, System.err, body);
        }
    }
}
