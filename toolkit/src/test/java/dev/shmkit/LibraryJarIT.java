package dev.shmkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The packaged library jar (built before failsafe runs) holds the product and no benchmark. */
class LibraryJarIT {
    @Test
    void shouldKeepBenchmarksOutOfTheLibraryJar() throws IOException {
        Path jar = libraryJar();
        try (JarFile j = new JarFile(jar.toFile())) {
            assertNotNull(j.getEntry("dev/shmkit/space/SharedSpace.class"), jar + " holds the library");
            assertNotNull(j.getEntry("dev/shmkit/ipc/PipeTransfer.class"), jar + " holds what notebook 02 uses");
            List<String> bench = j.stream().map(e -> e.getName()).filter(n -> n.startsWith("dev/shmkit/bench")).toList();
            assertEquals(List.of(), bench, "benchmark entries in " + jar);
        }
    }

    /** {@code target/shmkit-toolkit-VERSION.jar}: not the test-jar, not a sources jar. */
    private static Path libraryJar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().matches("shmkit-toolkit-[^-]+(-SNAPSHOT)?\\.jar")).toList();
            assertEquals(1, jars.size(), "one library jar in target/: " + jars);
            return jars.get(0);
        }
    }
}
