package dev.shmkit.pool.local;

import dev.shmkit.job.SerializableFunction;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.WorkerPool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A parent JVM for {@link WorkerArchiveIT}, driven by lines on stdin: {@code start} (a pool of one
 * worker; prints {@code pid <worker pid>}), {@code job} (prints {@code job [1, 4, 9]}), {@code close},
 * {@code key} (prints {@code key <the archive key of a pool's workers>}), {@code exit}.
 */
public final class ArchiveProbe {
    private ArchiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        WorkerPool pool = null;
        String line;
        while ((line = in.readLine()) != null) {
            switch (line) {
                case "start" -> {
                    pool = WorkerPool.start(PoolOptions.defaults().workers(1));
                    System.out.println("pid " + pool.workers().get(0).pid());
                }
                case "job" -> {
                    SerializableFunction<Integer, Integer> sq = x -> x * x;
                    System.out.println("job " + pool.mapItems(List.of(1, 2, 3), sq).values());
                }
                case "close" -> {
                    pool.close();
                    System.out.println("closed");
                }
                case "key" -> System.out.println("key " + new WorkerLauncher(PoolOptions.defaults().workers(1),
                        Path.of("unused.sock"), "unused").archive().key());
                case "exit" -> {
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("unknown " + line);
            }
        }
    }
}
