package dev.shmkit.pool;

import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hazelcast is on the class path (an optional dependency) but the local pool never loads it: the JVM's
 * own class-load log ({@code -Xlog:class+load}) of a parent running a local pool and of its worker names
 * no {@code com.hazelcast} class.
 *
 * <p>The worker's log also names no class of the posix bindings (jnr-ffi): a worker that maps tables, receives a
 * copied one and runs items never calls them, so it never pays their 0.2-0.35 s of loading ({@code LazyPosix}).
 */
@ExtendWith(SpaceDirExtension.class)
class LocalPoolClassLoadsIT {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoadNeitherHazelcastNorTheWorkersPosixBindings(Path dir) throws Exception {
        Path logs = Files.createTempDirectory("shmkit-classload-");
        Path parentLog = logs.resolve("parent.log");
        Path workerLog = logs.resolve("worker.log");
        try (ChildJvm parent = ChildJvm.start(List.of("-Xlog:class+load=info:file=" + parentLog), LocalPoolProbe.class,
                dir.toString(), "-Xlog:class+load=info:file=" + workerLog)) {
            assertEquals("done sum=6.0 items=[1, 4]", parent.expect("done", 150));
            assertEquals(0, parent.waitFor(60));
            List<String> p = Files.readAllLines(parentLog);
            List<String> w = Files.readAllLines(workerLog);
            assertTrue(p.stream().anyMatch(l -> l.contains("dev.shmkit.pool.WorkerPool ")), "the parent's log is a class-load log");
            assertTrue(w.stream().anyMatch(l -> l.contains("dev.shmkit.pool.local.WorkerMain ")), "the worker's log is a class-load log");
            assertTrue(!String.join("\n", p).contains("hazelcast"),
                    "the parent loaded Hazelcast: " + p.stream().filter(l -> l.contains("hazelcast")).limit(5).toList());
            assertTrue(!String.join("\n", w).contains("hazelcast"),
                    "the worker loaded Hazelcast: " + w.stream().filter(l -> l.contains("hazelcast")).limit(5).toList());
            assertTrue(w.stream().anyMatch(l -> l.contains("net.openhft.chronicle.core.Jvm ")),
                    "the worker initialised Chronicle (whose Jvm class would load the posix bindings)");
            assertTrue(w.stream().noneMatch(l -> l.contains(" jnr.ffi.") || l.contains("JNRPosixAPI")),
                    "the worker loaded the posix bindings: "
                            + w.stream().filter(l -> l.contains(" jnr.ffi.") || l.contains("JNRPosixAPI")).limit(5).toList());
        } finally {
            try (var s = Files.walk(logs)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
