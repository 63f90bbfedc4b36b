package dev.shmkit.pool;

import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolOptionsIT {
    @Test
    void shouldPassHeapFlagsAndEnvironmentToWorkers() {
        PoolOptions o = PoolOptions.defaults().workers(1).heap("64m").jvmFlag("-Dshmkit.test.flag=on")
                .environment("SHMKIT_TEST_ENV", "hello");
        try (WorkerPool pool = WorkerPool.start(o)) {
            assertEquals("on", pool.submit(() -> System.getProperty("shmkit.test.flag")).join());
            assertEquals("hello", pool.submit(() -> System.getenv("SHMKIT_TEST_ENV")).join());
            long max = pool.submit(() -> Runtime.getRuntime().maxMemory()).join();
            assertTrue(max <= 64L << 20, "maxMemory=" + max);
            JobFailedException e = assertThrows(JobFailedException.class, () -> pool.submit(() -> {
                List<long[]> hog = new java.util.ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }, JobOptions.defaults().retries(0)).join());
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("ran out of heap"), e.getMessage());
            assertEquals("ok", pool.submit(() -> "ok").join());
        }
    }

    @Test
    void shouldAddClasspathToRunningAndFutureWorkers(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("Extra.java");
        Files.writeString(src, "public class Extra { public static String hi() { return \"extra\"; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), src.toString()));
        Path jar = dir.resolve("extra.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("Extra.class"));
            out.write(Files.readAllBytes(dir.resolve("Extra.class")));
            out.closeEntry();
        }
        try (WorkerPool pool = WorkerPool.start(1)) {
            pool.addClasspath(jar);
            assertEquals(List.of("extra"), pool.mapItems(List.of(1), x -> callExtra()).values());
            pool.resize(2);
            assertEquals(List.of("extra", "extra", "extra", "extra"),
                    pool.mapItems(List.of(1, 2, 3, 4), x -> callExtra(), JobOptions.defaults().chunkSize(1)).values());
        }
    }

    static String callExtra() {
        try {
            Class<?> c = Class.forName("Extra", true, Thread.currentThread().getContextClassLoader());
            return (String) c.getMethod("hi").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

}
