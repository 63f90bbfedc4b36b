package dev.shmkit.table;

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

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;

/** Tables with every Tablesaw type shmkit publishes, with a chosen share of missing values. */
final class TestTables {
    /** How many rows are missing. */
    enum Nulls { NONE, SOME, ALL }

    private TestTables() {
    }

    static Table allTypes(int rows, Nulls nulls, long seed) {
        Random r = new Random(seed);
        DoubleColumn d = DoubleColumn.create("d");
        FloatColumn f = FloatColumn.create("f");
        IntColumn i = IntColumn.create("i");
        ShortColumn sh = ShortColumn.create("sh");
        LongColumn l = LongColumn.create("l");
        BooleanColumn b = BooleanColumn.create("b");
        StringColumn s = StringColumn.create("s");
        DateColumn date = DateColumn.create("date");
        TimeColumn time = TimeColumn.create("time");
        DateTimeColumn dt = DateTimeColumn.create("dt");
        InstantColumn in = InstantColumn.create("in");
        for (int row = 0; row < rows; row++) {
            boolean miss = nulls == Nulls.ALL || (nulls == Nulls.SOME && row % 3 == 1);
            if (miss) {
                d.appendMissing();
                f.appendMissing();
                i.appendMissing();
                sh.appendMissing();
                l.appendMissing();
                b.appendMissing();
                s.appendMissing();
                date.appendMissing();
                time.appendMissing();
                dt.appendMissing();
                in.appendMissing();
                continue;
            }
            d.append(r.nextGaussian() * 1e6);
            f.append(r.nextFloat() * 100 - 50);
            i.append(r.nextInt());
            sh.append((short) (r.nextInt(65535) - 32767));
            l.append(r.nextLong());
            b.append(r.nextBoolean());
            s.append("v" + r.nextInt(7) + (row % 5 == 0 ? "é€" : ""));
            date.append(LocalDate.ofEpochDay(r.nextInt(100_000) - 50_000));
            time.append(LocalTime.ofNanoOfDay(r.nextInt(86_400_000) * 1_000_000L));
            dt.append(LocalDateTime.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000));
            in.append(Instant.ofEpochMilli(r.nextLong() % 4_000_000_000_000L));
        }
        return Table.create("all", d, f, i, sh, l, b, s, date, time, dt, in);
    }
}
