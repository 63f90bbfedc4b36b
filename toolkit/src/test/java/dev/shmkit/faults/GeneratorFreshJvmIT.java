package dev.shmkit.faults;

import dev.shmkit.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 1: a mixed-type {@code TableGenerator.generate()} as a JVM's first Tablesaw use
 * deadlocked in class initialisation. Each run is a fresh JVM, bounded in time; a hang fails with
 * the child's output and thread dump.
 */
class GeneratorFreshJvmIT {
    /** Fresh JVMs to try: the deadlock hit 4 of 4 runs before the fix. */
    private static final int RUNS = 20;
    /** A fresh JVM generates 10 rows in about a second; 30 s is far past any slow machine. */
    private static final int SECONDS = 30;

    @Test
    void shouldGenerateMixedTypesInEveryFreshJvm(@TempDir Path dir) throws Exception {
        for (int i = 0; i < RUNS; i++) {
            FreshJvm.Result r = FreshJvm.run(dir, SECONDS, GeneratorChild.class, Integer.toString(i));
            assertEquals(0, r.exit(), "run " + i + ": " + r.output());
            assertTrue(r.output().contains("generated rows=10 columns=4"), "run " + i + ": " + r.output());
        }
    }

    @Test
    void shouldFinishTheGenerateCommandWithMixedTypes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("x.csv");
        FreshJvm.Result r = FreshJvm.run(dir, SECONDS, Main.class, "generate", "--rows", "10", "--doubles", "1",
                "--ints", "1", "--longs", "1", "--strings", "1", "--out", csv.toString());
        assertEquals(0, r.exit(), r.output());
        assertEquals("x0,i0,l0,s0", Files.readAllLines(csv).get(0));
        assertEquals(11, Files.readAllLines(csv).size());
    }
}
