package dev.shmkit.faults;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 6, the race: a segment is truncated while this JVM's JIT-compiled code is reading it
 * (strings through the dictionary, ints widened into a long in the reader's own loop, doubles one by
 * one). Before {@code FaultSafeLoads}, the ints case aborted HotSpot 17 in 10 of 10 fresh JVMs
 * (its SIGBUS handler cannot decode a sign-extending load). Now the JVM survives every run with the
 * named {@code SegmentFormatException} or the JVM's own late {@code InternalError}, and reads
 * another segment afterwards.
 */
class TruncationRaceIT {
    /** Fresh JVMs per case: each reads for up to 3 s while another thread cuts the file at a random moment. */
    private static final int RUNS = 4;
    private static final int SECONDS = 90;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ints", "strings", "get-loop"})
    void shouldSurviveATruncationRacingCompiledReads(String kind) throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Path work = dir.resolve(kind + "-" + run);
            FreshJvm.Result r = FreshJvm.run(work, SECONDS, TruncationRaceChild.class, kind,
                    work.resolve("t.arrow").toString(), "30");
            assertEquals(List.of(), MappedFileFaultIT.hsErrFiles(work), r.output());
            assertEquals(0, r.exit(), r.output());
            boolean clear = r.output().contains("outcome dev.shmkit.SegmentFormatException: segment file ")
                    && r.output().contains("changed or truncated while mapped");
            boolean late = r.output().contains("outcome java.lang.InternalError: a fault occurred in");
            assertTrue(clear || late, r.output());
            assertTrue(r.output().contains("other rows="), r.output());
            System.out.println("race " + kind + " run " + run + ": " + (clear ? "SegmentFormatException" : "late InternalError"));
        }
    }
}
