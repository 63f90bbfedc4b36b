package dev.shmkit;

import dev.shmkit.testing.PackageGraph;
import dev.shmkit.testing.PackageInfos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The toolkit's package picture, read from what was compiled: no package cycles (class references
 * and class-name strings alike), no benchmark in the library's classes, a one-sentence
 * {@code package-info.java} for every package.
 */
class PackagePictureTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    @Test
    void shouldHaveNoPackageCycles() {
        PackageGraph graph = PackageGraph.of(CLASSES);
        assertTrue(graph.packages().contains("dev.shmkit.space"), "read the toolkit's classes: " + graph.packages());
        List<Set<String>> cycles = graph.cycles();
        assertTrue(cycles.isEmpty(), graph.describe(cycles));
    }

    @Test
    void shouldKeepBenchmarksOutOfTheLibraryClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<String> bench = files.map(p -> CLASSES.relativize(p).toString())
                    .filter(p -> p.startsWith("dev/shmkit/bench")).toList();
            assertEquals(List.of(), bench, "benchmark classes in " + CLASSES.toAbsolutePath() + " (they belong in src/bench/java)");
        }
        assertTrue(Files.isRegularFile(TEST_CLASSES.resolve("dev/shmkit/bench/BenchMain.class")),
                "the benchmarks are compiled with the tests (src/bench/java is a test source root)");
    }

    @Test
    void shouldGiveEveryPackageAOneSentencePackageInfo() {
        assertEquals(List.of(), PackageInfos.problems(Path.of("src/main/java")));
        assertEquals(List.of(), PackageInfos.problems(Path.of("src/bench/java")));
    }
}
