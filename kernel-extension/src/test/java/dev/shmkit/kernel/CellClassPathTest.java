package dev.shmkit.kernel;

import org.junit.jupiter.api.Test;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellClassPathTest {
    @Test
    void shouldKeepTheResolverJarsOutOfTheCellsClassPath() {
        String cp = String.join(File.pathSeparator, "/k/classes", "/r/tablesaw-core-0.44.4.jar",
                "/r/maven-resolver-api-2.0.25.jar", "/r/httpclient-4.5.14.jar", "/r/maven-model-3.10.0.jar",
                "/r/plexus-utils-3.6.2.jar", "/r/shmkit-toolkit-0.1.0-SNAPSHOT.jar", "/r/maven-resolver");
        assertEquals(String.join(File.pathSeparator, "/k/classes", "/r/tablesaw-core-0.44.4.jar",
                "/r/shmkit-toolkit-0.1.0-SNAPSHOT.jar", "/r/maven-resolver"), CellClassPath.forCells(cp));
    }

    @Test
    void shouldStillGiveCellsTheKernelsOwnLibraries() {
        String cells = CellClassPath.forCells(System.getProperty("java.class.path"));
        assertTrue(cells.contains("tablesaw-core") && cells.contains("jjava-jupyter"), cells);
        assertTrue(!cells.contains("maven-resolver-impl"), cells);
    }
}
