package dev.shmkit.faults;

import dev.shmkit.object.ObjectWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 3: a planted object segment naming a class outside the allow-list is refused in a
 * fresh reader JVM, and that class's static initialiser and constructor never run there.
 */
class PlantedObjectSegmentIT {
    /** A fresh JVM reads one small segment in about a second. */
    private static final int SECONDS = 60;

    @Test
    void shouldRefuseAPlantedClassWithoutRunningItsCode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("planted.obj");
        ObjectWriter.write(new ArrayList<>(List.of("harmless", new Recorder())), file, 1);
        FreshJvm.Result r = FreshJvm.run(dir, SECONDS, PlantedReaderChild.class, file.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("refused segment file " + file + ": class=" + Recorder.class.getName()
                + " is not on the deserialization allow-list"), r.output());
        assertTrue(r.output().contains("recorder init=no constructed=no"), r.output());
    }

    @Test
    void shouldReadThePlantedClassWhenTheReaderAllowsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("allowed.obj");
        ObjectWriter.write(new ArrayList<>(List.of("harmless", new Recorder())), file, 1);
        FreshJvm.Result r = FreshJvm.run(dir, SECONDS, List.of("-Dshmkit.allowClasses=dev.shmkit.faults.*"),
                PlantedReaderChild.class, file.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("read size=2"), r.output());
        assertTrue(r.output().contains("recorder init=ran constructed=ran"), r.output());
    }
}
