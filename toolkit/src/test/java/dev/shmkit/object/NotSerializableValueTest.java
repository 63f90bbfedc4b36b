package dev.shmkit.object;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.*;

class NotSerializableValueTest {
    @TempDir
    Path dir;

    static final class Holder {
        String name = "h";
        Object payload;
        Holder(Object payload) {
            this.payload = payload;
        }
    }

    static final class Job {
        List<Holder> holders = new ArrayList<>();
    }

    private NotSerializableValueException fails(Object value) throws IOException {
        Path file = dir.resolve("v.tmp");
        NotSerializableValueException e = assertThrows(NotSerializableValueException.class,
                () -> ObjectWriter.write(value, file, 1));
        assertFalse(Files.exists(file), "no file left behind");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "directory empty");
        }
        assertTrue(e.getMessage().contains(value.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("transient"), e.getMessage());
        return e;
    }

    @Test
    void shouldNameClassAndPathOfThreadField() throws IOException {
        NotSerializableValueException e = fails(new Holder(new Thread(() -> { })));
        assertEquals("payload", e.fieldPath());
        assertEquals(Thread.class.getName(), e.offendingClass());
        assertTrue(e.getMessage().contains("'payload'") && e.getMessage().contains("java.lang.Thread"),
                e.getMessage());
    }

    @Test
    void shouldNameClassAndPathOfSocketField() throws IOException {
        try (Socket socket = new Socket()) {
            NotSerializableValueException e = fails(new Holder(socket));
            assertEquals("payload", e.fieldPath());
            assertEquals(Socket.class.getName(), e.offendingClass());
        }
    }

    @Test
    void shouldNameClassAndPathOfExecutorNestedInList() throws IOException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Job job = new Job();
            job.holders.add(new Holder("fine"));
            job.holders.add(new Holder(pool));
            NotSerializableValueException e = fails(job);
            assertEquals("holders[1].payload", e.fieldPath());
            assertTrue(e.getMessage().contains("'holders[1].payload'")
                    && e.getMessage().contains(pool.getClass().getName()), e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNameClassAndPathOfStreamField() throws IOException {
        Path data = Files.writeString(Files.createTempFile("shmkit", ".txt"), "x");
        try (FileInputStream in = new FileInputStream(data.toFile())) {
            NotSerializableValueException e = fails(new Holder(List.of(1, new Holder(in))));
            assertEquals("payload[1].payload", e.fieldPath());
            assertEquals(FileInputStream.class.getName(), e.offendingClass());
        } finally {
            Files.delete(data);
        }
    }

    @Test
    void shouldExplainKryoFailureWithClassAndPath() throws IOException {
        Job job = new Job();
        job.holders.add(new Holder(new ReentrantLock()));
        NotSerializableValueException e = fails(job);
        assertTrue(e.fieldPath().startsWith("holders[0].payload"), e.getMessage());
        assertTrue(e.getMessage().contains("java.util.concurrent.locks.ReentrantLock"), e.getMessage());
        System.out.println("kryo failure explained as: " + e.getMessage());
    }
}
