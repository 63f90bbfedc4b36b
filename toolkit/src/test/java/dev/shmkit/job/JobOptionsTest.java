package dev.shmkit.job;

import dev.shmkit.pool.Compare;
import dev.shmkit.pool.Comparison;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobOptionsTest {
    @Test
    void shouldKeepDefaultsAndBeImmutable() {
        JobOptions d = JobOptions.defaults();
        JobOptions o = d.timeout(Duration.ofSeconds(1)).retries(0).copyTable().chunkRows(5).chunkCount(3).name("x");
        assertNull(d.timeout());
        assertEquals(1, d.retries());
        assertFalse(d.isCopyTable());
        assertEquals(Duration.ofSeconds(1), o.timeout());
        assertEquals(0, o.retries());
        assertTrue(o.isCopyTable());
        assertEquals(5, o.chunkRows());
        assertEquals(3, o.chunkCount());
        assertEquals("x", o.name());
    }

    @Test
    void shouldKeepTheResultSegmentThresholdThroughOtherOptions() {
        JobOptions d = JobOptions.defaults();
        assertEquals(JobOptions.DEFAULT_RESULT_SEGMENT_BYTES, d.resultSegmentThreshold());
        assertEquals(1L << 20, d.resultSegmentThreshold());
        JobOptions o = d.resultSegmentThreshold(4096).name("x").retries(0).copyTable().chunkCount(2).timeout(Duration.ofSeconds(1))
                .chunkSize(3).chunkRows(4).shareTable().measureMemory(true).progress(null);
        assertEquals(4096, o.resultSegmentThreshold());
        assertEquals(JobOptions.NO_RESULT_SEGMENTS, d.resultSegmentThreshold(0).resultSegmentThreshold());
        assertEquals(JobOptions.NO_RESULT_SEGMENTS, d.resultSegmentThreshold(-1).resultSegmentThreshold(), "negative = off");
        assertEquals(JobOptions.DEFAULT_RESULT_SEGMENT_BYTES, d.resultSegmentThreshold(), "immutable");
    }

    @Test
    void shouldRejectNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().chunkSize(-1));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.defaults().retries(-1));
        assertThrows(IllegalArgumentException.class, () -> new RowRange(5, 4));
    }

    @Test
    void shouldSummariseReport() {
        TaskReport t1 = new TaskReport(0, "items [0, 2)", 1, 1, 10_000, 1_000, 2_000, 0, 600_000, 1_000, 40, 0, 20);
        TaskReport t2 = new TaskReport(1, "items [2, 4)", 2, 1, 10_000, 1_000, 2_000, 0, 400_000, 1_000, 40, 100, 20);
        JobReport r = new JobReport("sq", 2, 1_000_000, List.of(t1, t2));
        assertEquals(1_000_000, r.runNanos());
        assertEquals(1.0, r.speedup(), 1e-9);
        assertEquals(500_000, r.overheadPerTaskNanos());
        assertEquals(80, r.bytesCopied());
        assertEquals(100, r.bytesMapped());
        String s = r.toString();
        assertTrue(s.startsWith("job 'sq': tasks=2 workers=2 wall=1.0 ms run=1.0 ms speedup=1.00× overhead/task=500.0 µs"
                + " copied=80 B mapped=100 B"), s);
        assertEquals("job", new JobReport("job", 1, 0, List.of()).title());
        assertEquals("job (share)", new JobReport("job (share)", 1, 0, List.of()).title());
        assertEquals("job 'big' (copy)", new JobReport("big (copy)", 1, 0, List.of()).title());
        assertTrue(s.contains("items [2, 4)"), s);
        JobResult<Integer> res = new JobResult<>(List.of(1, 2, 3), r);
        assertEquals(6, res.reduce(0, Integer::sum));
    }

    @Test
    void shouldCarryAProgressListenerAndSwitchBackToShareMode() {
        JobListener l = p -> { };
        JobOptions o = JobOptions.defaults().copyTable().progress(l).chunkCount(3);
        assertTrue(o.listener() == l);
        assertNull(JobOptions.defaults().listener());
        assertTrue(o.isCopyTable());
        assertFalse(o.shareTable().isCopyTable());
        assertTrue(o.shareTable().listener() == l);
        assertEquals(3, o.shareTable().chunkCount());
        assertNull(o.progress(null).listener());
    }

    @Test
    void shouldStateTheComparisonInASentence() {
        TaskReport copy = new TaskReport(0, "rows", 1, 1, 0, 0, 0, 0, 1_000_000, 0, 32_000_000, 0, 8);
        TaskReport share = new TaskReport(0, "rows", 1, 1, 0, 0, 0, 0, 1_000_000, 0, 1_000, 32_000_000, 8);
        Comparison<Integer> c = new Comparison<>(new JobResult<>(List.of(7), new JobReport("j (copy)", 1, 310_000_000, List.of(copy))),
                new JobResult<>(List.of(7), new JobReport("j (share)", 1, 1_000_000, List.of(share))));
        assertEquals(310, c.speedRatio(), 1e-9);
        assertEquals(32_000, c.bytesRatio(), 1e-9);
        assertEquals("sharing was 310× faster and moved 32,000× fewer bytes than copying the table to every task", c.sentence());
        assertEquals("3.1×", Comparison.times(3.14));
        assertEquals("31×", Comparison.times(31.4));
        assertTrue(c.toString().contains("same 1 value."), c.toString());
        assertTrue(c.toString().contains("310.0 ms"), c.toString());
    }
}
