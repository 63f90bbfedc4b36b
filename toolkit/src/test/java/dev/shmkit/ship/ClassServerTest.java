package dev.shmkit.ship;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassServerTest {
    @Test
    void shouldServeBytesAndStartNewSessionWhenServedClassChanges() {
        Map<String, byte[]> classes = new HashMap<>();
        classes.put("REPL/$JShell$1", StaticScannerTest.holder("I"));
        StaticScannerTest.ReplLoader loader = new StaticScannerTest.ReplLoader(classes);
        ClassServer server = new ClassServer();
        long s1 = server.sessionFor(loader);
        ClassServer.Answer a = server.lookup(s1, "REPL.$JShell$1");
        assertArrayEquals(classes.get("REPL/$JShell$1"), a.bytes());
        assertEquals(s1, server.sessionFor(loader), "nothing changed: same session");

        classes.put("REPL/$JShell$1", StaticScannerTest.holder("J"));  // a redefined snippet
        assertEquals(s1, server.sessionFor(loader), "a job that does not use the class keeps the session");
        ClassServer.Shipment job = server.prepare(loader, java.util.List.of("REPL.$JShell$1"));
        long s2 = job.session();
        assertArrayEquals(classes.get("REPL/$JShell$1"), job.classes().get("REPL.$JShell$1"), "pushed with the job");
        assertNotEquals(s1, s2);
        assertTrue(server.lookup(s1, "REPL.$JShell$1").error().contains("no longer current"));
        assertArrayEquals(classes.get("REPL/$JShell$1"), server.lookup(s2, "REPL.$JShell$1").bytes());
    }

    @Test
    void shouldPushTheSnippetClassesAJobReachesThroughTheirConstantPools() {
        Map<String, byte[]> classes = new HashMap<>();
        classes.put("REPL/$JShell$1", StaticScannerTest.holder("I"));
        classes.put("REPL/$JShell$2", StaticScannerTest.task("I"));
        StaticScannerTest.ReplLoader loader = new StaticScannerTest.ReplLoader(classes);
        ClassServer server = new ClassServer();
        ClassServer.Shipment s = server.prepare(loader, java.util.List.of("REPL.$JShell$2"));
        assertEquals(java.util.Set.of("REPL.$JShell$1", "REPL.$JShell$2"), s.classes().keySet());
        assertEquals(s.session(), server.prepare(loader, java.util.List.of("REPL.$JShell$2")).session());
        assertEquals(0, server.lookups());
    }

    @Test
    void shouldAnswerNotFoundForUnknownClass() {
        ClassServer server = new ClassServer();
        long s = server.sessionFor(getClass().getClassLoader());
        ClassServer.Answer a = server.lookup(s, "REPL.$JShell$999");
        assertNull(a.bytes());
        assertNull(a.error());
    }
}
