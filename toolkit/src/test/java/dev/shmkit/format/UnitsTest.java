package dev.shmkit.format;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitsTest {
    @Test
    void shouldShowDurationsInTheUnitThatFits() {
        assertEquals("850 ns", Units.duration(850));
        assertEquals("34.6 µs", Units.duration(34_615));
        assertEquals("260.5 ms", Units.duration(260_505_800));
        assertEquals("2.61 s", Units.duration(2_610_000_000L));
        assertEquals("3 min 05 s", Units.duration(185_000_000_000L));
    }

    @Test
    void shouldSeparateThousandsAndPluralise() {
        assertEquals("2,000,000", Units.count(2_000_000));
        assertEquals("1 entry", Units.count(1, "entry"));
        assertEquals("2 entries", Units.count(2, "entry"));
        assertEquals("1 column", Units.count(1, "column"));
        assertEquals("0 columns", Units.count(0, "column"));
        assertEquals("1,000 tasks", Units.count(1000, "task"));
        assertEquals("2 classes", Units.count(2, "class"));
        assertEquals("3 days", Units.count(3, "day"));
    }

    @Test
    void shouldFormatRatiosAndSpeedupsOneWay() {
        assertEquals("0.83×", Units.times(0.83));
        assertEquals("3.1×", Units.times(3.14));
        assertEquals("31×", Units.times(31.4));
        assertEquals("32,000×", Units.times(32_000));
        assertEquals("1.83×", Units.speedup(1.834));
    }

    @Test
    void shouldShowInstantsAsLocalTimeToTheSecond() {
        Instant t = LocalDateTime.of(2026, 12, 2, 3, 30, 12, 987_000_000).atZone(ZoneId.systemDefault()).toInstant();
        assertEquals("2026-12-02 03:30:12", Units.localTime(t));
    }
}
