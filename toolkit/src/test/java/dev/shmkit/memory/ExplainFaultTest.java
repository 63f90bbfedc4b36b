package dev.shmkit.memory;

import dev.shmkit.SegmentFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fault that surfaced late is traced to the mapped file that is now shorter than its mapping. */
class ExplainFaultTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameTheMappedFileThatWasCut() throws Exception {
        Path file = dir.resolve("cut.arrow");
        Files.write(file, new byte[64 * 1024]);
        InternalError fault = new InternalError("a fault occurred in a recent unsafe memory access operation in compiled Java code");
        try (Mapping m = Mapping.readOnly(file)) {
            assertNull(Mapping.explainFault(fault), "nothing is cut yet");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(4096);
            }
            SegmentFormatException e = Mapping.explainFault(fault);
            assertNotNull(e);
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("mapped length=65536")
                    && e.getMessage().contains("file length=4096") && e.getMessage().contains("changed or truncated while mapped"),
                    e.getMessage());
            assertTrue(e.getCause() == fault);
            assertNull(Mapping.explainFault(new InternalError("something else")), "only the JVM's mapped-memory fault");
        }
        assertNull(Mapping.explainFault(fault), "an unmapped file is not blamed");
    }
}
