package dev.shmkit.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMH harness behind {@code ./shmkit bench micro} is generated, found and yields scores (run in-process, briefly). */
class MicroBenchTest {
    @Test
    void shouldRunASelectedMicrobenchmarkAndKeyItsScoreByClassMethodAndParameters() throws Exception {
        Map<String, Result<?>> scores = MicroBench.run(new String[] {
            "ColumnSum.heap", "-f", "0", "-wi", "0", "-i", "1", "-r", "200ms", "-p", "rows=1000"});
        assertEquals(1, scores.size(), "scores=" + scores.keySet());
        Result<?> r = scores.get("ColumnSum.heap rows=1000");
        assertTrue(r != null && r.getScore() > 0 && r.getScoreUnit().equals("us/op"), "scores=" + scores);
    }
}
