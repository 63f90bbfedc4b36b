package dev.shmkit.cli;

import dev.shmkit.pool.hazelcast.ClusterMember;
import dev.shmkit.pool.hazelcast.ClusterOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code shmkit member [--join HOST:PORT,...] [--workers N] [--port P] [--bind ADDR] [--cluster NAME] [--dir DIR]}:
 * runs a cluster member (Hazelcast, loopback by default) that runs shmkit tasks in N threads with its
 * own local space directory, until SIGTERM or a caller's stop. Prints one line when it is ready.
 */
final class MemberCommand {
    static final String USAGE = "shmkit member [--join HOST:PORT,...] [--workers N] [--port P] [--bind ADDR]"
            + " [--cluster NAME] [--dir DIR]";
    /** Hazelcast's usual port; another is taken with --port (a test never assumes it is free). */
    private static final int DEFAULT_PORT = 5701;

    private MemberCommand() {
    }

    static void run(String[] argv) throws InterruptedException {
        Args a = Args.parse(argv, Set.of(), Set.of("join", "workers", "port", "bind", "cluster", "dir"), USAGE);
        if (!a.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + a.positional + "; usage: " + USAGE);
        }
        int workers = a.getInt("workers", Runtime.getRuntime().availableProcessors(), USAGE);
        int port = a.getInt("port", DEFAULT_PORT, USAGE);
        if (workers < 1 || port < 0 || port > 65535) {
            throw new UsageException("--workers=" + workers + " must be >= 1 and --port=" + port + " in [0, 65535]; usage: " + USAGE);
        }
        List<String> join = new ArrayList<>();
        try {
            if (a.options.containsKey("join")) {
                join.addAll(ClusterOptions.join(a.get("join", "")).members());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; usage: " + USAGE);
        }
        String dir = a.get("dir", null);
        ClusterMember.run(a.get("cluster", ClusterOptions.DEFAULT_CLUSTER_NAME), a.get("bind", ClusterOptions.LOOPBACK), port,
                join, workers, dir == null ? null : Path.of(dir));
    }
}
