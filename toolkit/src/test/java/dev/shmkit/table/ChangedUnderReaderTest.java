package dev.shmkit.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 6, in this JVM: a segment changed in place under a reader (string offsets or
 * dictionary indices overwritten) gives a {@code SegmentFormatException} naming the file and the
 * cause, never a JVM crash, an {@code InternalError}, a negative array size or garbage; and other
 * segments still read. {@code MappedFileFaultIT} runs the same cases in child JVMs.
 */
class ChangedUnderReaderTest {
    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;

    /**
     * The overwrite cases. Truncation (SIGBUS) runs only in child JVMs ({@code MappedFileFaultIT}),
     * which check that no crash log is written: a JVM bug there would take the test runner down.
     */
    static String[] cases() {
        return java.util.Arrays.stream(FaultCases.names()).filter(n -> !FaultCases.isTruncation(n)).toArray(String[]::new);
    }

    private void assertChangedWhileMapped(String outcome, Path file) {
        assertTrue(outcome.startsWith("dev.shmkit.SegmentFormatException: segment file " + file + ": "), outcome);
        assertTrue(outcome.contains("the file was changed or truncated while mapped"), outcome);
        assertTrue(outcome.contains("file length now="), outcome);
    }

    private Path fresh(String name, String caseName) {
        Path file = dir.resolve(name);
        if (FaultCases.isObjectCase(caseName)) {
            FaultCases.writeObject(file);
        } else {
            FaultCases.writeTable(file);
        }
        return file;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldReportAChangedSegmentAndKeepReadingOthers(String caseName) {
        Path other = fresh("other.arrow", "table");
        Path file = fresh(caseName + ".seg", caseName);
        assertChangedWhileMapped(FaultCases.run(caseName, file, 1), file);
        try (SharedTable t = SharedTable.open(other)) {
            assertEquals(FaultCases.ROWS, t.copyToTable().rowCount());
            assertEquals(FaultCases.ROWS, t.stringColumn("s0").copy(0, FaultCases.ROWS).size());
        }
    }

    @Test
    void shouldReportRandomOffsetsForManySeeds() {
        for (long seed = 1; seed <= 20; seed++) {
            Path file = fresh("random-" + seed + ".arrow", "table");
            assertChangedWhileMapped(FaultCases.run("offsets-random", file, seed), file);
        }
    }
}
