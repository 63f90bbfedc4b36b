package dev.shmkit;

import dev.shmkit.testing.PackageGraph;
import dev.shmkit.testing.PackageInfos;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel extension's package picture, read from its compiled classes with toolkit's
 * {@link PackageGraph}: the kernel may use the magics, the magics never name the kernel (not even
 * in a string), no cycle at all; every package has a one-sentence {@code package-info.java}.
 */
class PackagePictureTest {
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void shouldHaveNoPackageCycles() {
        PackageGraph graph = PackageGraph.of(CLASSES);
        assertEquals(Set.of("dev.shmkit.kernel", "dev.shmkit.magic"), graph.packages(), "read this module's classes");
        List<Set<String>> cycles = graph.cycles();
        assertTrue(cycles.isEmpty(), graph.describe(cycles));
    }

    @Test
    void shouldKeepTheMagicsBelowTheKernel() {
        PackageGraph graph = PackageGraph.of(CLASSES);
        assertTrue(graph.uses("dev.shmkit.kernel").contains("dev.shmkit.magic"), "the kernel uses the magics");
        assertFalse(graph.uses("dev.shmkit.magic").contains("dev.shmkit.kernel"), graph.describe(List.of(
                Set.of("dev.shmkit.kernel", "dev.shmkit.magic"))));
    }

    @Test
    void shouldGiveEveryPackageAOneSentencePackageInfo() {
        assertEquals(List.of(), PackageInfos.problems(Path.of("src/main/java")));
    }
}
