package dev.shmkit.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the missing flags go depends on the JVM that lacks them (the plain-jshell case runs in JShellToolIT). */
class MissingFlagsTest {
    @Test
    void shouldFindNothingMissingUnderTheBuildsFlags() {
        assertEquals(List.of(), MissingFlags.missing());
    }

    @Test
    void shouldSayRFlagsForJShellsExecutionJvm() {
        String how = MissingFlags.howToAdd("jdk.jshell.execution.RemoteExecutionControl 40123");
        assertTrue(how.contains("start jshell with -R--add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
                + " -R--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), how);
        assertTrue(how.contains("./shmkit jshell"), how);
    }

    @Test
    void shouldSayJFlagsForJShellWithLocalExecution() {
        String how = MissingFlags.howToAdd("jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider --execution local");
        assertTrue(how.contains("-J--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), how);
        assertFalse(how.contains("-R-"), how);
    }

    @Test
    void shouldSayPlainFlagsForAnyOtherJvm() {
        String how = MissingFlags.howToAdd("com.example.Main");
        assertTrue(how.startsWith("start the JVM with --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"), how);
        assertFalse(how.contains("-R-") || how.contains("-J-"), how);
    }
}
