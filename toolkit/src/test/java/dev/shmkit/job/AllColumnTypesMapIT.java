package dev.shmkit.job;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;
import dev.shmkit.pool.WorkerPool;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Worker JVMs read every column type of a shared table, missing values included, as the parent does. */
class AllColumnTypesMapIT {
    private static final int ROWS = 5_000;

    /** Every value of every column of rows [from, to), as text; "?" marks a missing value. */
    static String digest(SharedTable v, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int r = from; r < to; r++) {
            sb.append(v.shortColumn("s").isMissing(r) ? "?" : v.shortColumn("s").get(r)).append(',')
                    .append(v.intColumn("i").isMissing(r) ? "?" : v.intColumn("i").get(r)).append(',')
                    .append(v.longColumn("l").isMissing(r) ? "?" : v.longColumn("l").get(r)).append(',')
                    .append(v.floatColumn("f").isMissing(r) ? "?" : v.floatColumn("f").get(r)).append(',')
                    .append(v.doubleColumn("d").isMissing(r) ? "?" : v.doubleColumn("d").get(r)).append(',')
                    .append(v.booleanColumn("b").isMissing(r) ? "?" : v.booleanColumn("b").get(r)).append(',')
                    .append(v.stringColumn("str").isMissing(r) ? "?" : v.stringColumn("str").get(r)).append(',')
                    .append(v.dateColumn("date").get(r)).append(',')
                    .append(v.timeColumn("time").get(r)).append(',')
                    .append(v.dateTimeColumn("dt").get(r)).append(',')
                    .append(v.instantColumn("inst").get(r)).append('\n');
        }
        return sb.toString();
    }

    static Table everyType() {
        Table t = Table.create("all", ShortColumn.create("s"), IntColumn.create("i"), LongColumn.create("l"),
                FloatColumn.create("f"), DoubleColumn.create("d"), BooleanColumn.create("b"), StringColumn.create("str"),
                DateColumn.create("date"), TimeColumn.create("time"), DateTimeColumn.create("dt"), InstantColumn.create("inst"));
        for (int r = 0; r < ROWS; r++) {
            boolean missing = r % 13 == 5;
            if (missing) {
                t.columns().forEach(c -> c.appendMissing());
                continue;
            }
            t.shortColumn("s").append((short) (r % 1000 - 500));
            t.intColumn("i").append(r * 7 - 10_000);
            t.longColumn("l").append(r * 1_000_000_007L);
            t.floatColumn("f").append(r / 3f);
            t.doubleColumn("d").append(r / 7.0);
            t.booleanColumn("b").append(r % 3 == 0);
            t.stringColumn("str").append("v" + (r % 97));
            t.dateColumn("date").append(LocalDate.of(2020, 1, 1).plusDays(r));
            t.timeColumn("time").append(LocalTime.ofSecondOfDay(r % 86_400).plusNanos((r % 1000) * 1_000_000L));
            t.dateTimeColumn("dt").append(LocalDateTime.of(2024, 2, 29, 12, 0).plusSeconds(r * 61L));
            t.instantColumn("inst").append(Instant.ofEpochMilli(1_700_000_000_000L + r * 1234L));
        }
        return t;
    }

    @Test
    void shouldReadEveryColumnTypeInWorkersAsTheParentDoes() throws Exception {
        Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of("target"), "alltypes");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir))) {
            try (SharedTable table = space.publish("all", everyType()); WorkerPool pool = WorkerPool.start(2)) {
                JobResult<String> r = pool.map(table, (view, range) -> digest(view, range.from(), range.to()),
                        JobOptions.defaults().chunkCount(7));
                String whole = digest(table, 0, ROWS);
                assertEquals(whole, String.join("", r.values()), "workers read the same values, in row order");
                assertEquals(7, r.values().size());
                assertTrue(whole.contains("?,?,?,?,?,?,?,null,null,null,null"), "missing rows are missing in every column");
                assertTrue(whole.contains("true") && whole.contains("v96") && whole.contains("2020-01-01"), whole.substring(0, 200));
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
