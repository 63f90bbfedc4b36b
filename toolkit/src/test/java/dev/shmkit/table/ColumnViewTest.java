package dev.shmkit.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnViewTest {
    @TempDir(factory = ShmTempDirFactory.class)
    Path dir;

    private SharedTable publish(Table t) {
        Path file = dir.resolve(t.name() + ".arrow");
        ArrowTableWriter.write(t, file);
        return SharedTable.open(file);
    }

    @Test
    void shouldAggregateLikeTablesaw() {
        for (TestTables.Nulls nulls : TestTables.Nulls.values()) {
            Table t = TestTables.allTypes(1003, nulls, 42);
            try (SharedTable st = publish(t)) {
                assertEquals(t.doubleColumn("d").sum(), st.doubleColumn("d").sum(), 1e-6, nulls + " d.sum");
                assertEquals(t.doubleColumn("d").min(), st.doubleColumn("d").min(), 0.0, nulls + " d.min");
                assertEquals(t.doubleColumn("d").max(), st.doubleColumn("d").max(), 0.0, nulls + " d.max");
                assertEquals(t.floatColumn("f").sum(), st.floatColumn("f").sum(), 1e-2, nulls + " f.sum");
                assertEquals(t.floatColumn("f").min(), st.floatColumn("f").min(), 0.0, nulls + " f.min");
                assertEquals(t.intColumn("i").sum(), st.intColumn("i").sum(), 0.0, nulls + " i.sum");
                assertEquals(t.intColumn("i").max(), st.intColumn("i").max(), 0.0, nulls + " i.max");
                assertEquals(t.shortColumn("sh").sum(), st.shortColumn("sh").sum(), 0.0, nulls + " sh.sum");
                assertEquals(t.shortColumn("sh").min(), st.shortColumn("sh").min(), 0.0, nulls + " sh.min");
                assertEquals(t.longColumn("l").sum(), st.longColumn("l").sum(), Math.abs(t.longColumn("l").sum()) * 1e-12,
                        nulls + " l.sum");
                assertEquals(t.longColumn("l").max(), st.longColumn("l").max(), 0.0, nulls + " l.max");
                assertEquals(t.doubleColumn("d").inRange(10, 500).sum(), st.doubleColumn("d").sum(10, 500), 1e-6);
                assertEquals(t.intColumn("i").inRange(3, 7).min(), st.intColumn("i").min(3, 7), 0.0);
                assertEquals(t.booleanColumn("b").countTrue(), st.booleanColumn("b").countTrue());
                assertEquals(t.doubleColumn("d").countMissing(), st.doubleColumn("d").countMissing());
            }
        }
    }

    @Test
    void shouldSumExactlyOnIntegralDoublesAndSkipNaN() {
        double[] values = new double[10_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 97 == 0 ? Double.NaN : i;
        }
        Table t = Table.create("nan", DoubleColumn.create("x", values));
        try (SharedTable st = publish(t)) {
            assertEquals(t.doubleColumn("x").sum(), st.doubleColumn("x").sum(), 0.0);
            assertTrue(st.doubleColumn("x").isMissing(0));
            assertEquals(1.0, st.doubleColumn("x").min());
        }
    }

    @Test
    void shouldVisitRowsInOrderWithPrimitiveConsumers() {
        Table t = Table.create("each", DoubleColumn.create("x", 1.5, Double.NaN, 3.5), IntColumn.create("n", 4, 5, 6));
        try (SharedTable st = publish(t)) {
            List<Double> seen = new ArrayList<>();
            st.doubleColumn("x").forEach(0, 3, seen::add);
            assertEquals(List.of(1.5, Double.NaN, 3.5), seen);
            int[] sum = {0};
            st.intColumn("n").forEach(1, 3, v -> sum[0] += v);
            assertEquals(11, sum[0]);
        }
    }

    @Test
    void shouldNameAvailableColumnsForWrongNameOrType() {
        Table t = Table.create("err", DoubleColumn.create("price", 1.0), IntColumn.create("qty", new int[] {2}));
        try (SharedTable st = publish(t)) {
            NoSuchColumnException wrongName = assertThrows(NoSuchColumnException.class, () -> st.doubleColumn("prize"));
            assertTrue(wrongName.getMessage().contains("no column 'prize'"), wrongName.getMessage());
            assertTrue(wrongName.getMessage().contains("[price:DOUBLE, qty:INTEGER]"), wrongName.getMessage());
            NoSuchColumnException wrongType = assertThrows(NoSuchColumnException.class, () -> st.intColumn("price"));
            assertTrue(wrongType.getMessage().contains("has type=DOUBLE, not INTEGER"), wrongType.getMessage());
            assertTrue(wrongType.getMessage().contains("qty:INTEGER"), wrongType.getMessage());
        }
    }

    @Test
    void shouldRejectRowsOutsideTheView() {
        Table t = Table.create("idx", DoubleColumn.create("x", 1.0, 2.0));
        try (SharedTable st = publish(t)) {
            DoubleColumnView x = st.slice(1, 2).doubleColumn("x");
            assertEquals(2.0, x.get(0));
            assertThrows(IndexOutOfBoundsException.class, () -> x.get(1));
            assertThrows(IndexOutOfBoundsException.class, () -> x.sum(0, 2));
        }
    }

    @Test
    void shouldRefuseReadsAfterClose() {
        Table t = Table.create("closed", DoubleColumn.create("x", 1.0));
        SharedTable st = publish(t);
        DoubleColumnView x = st.doubleColumn("x");
        st.close();
        st.close();
        assertThrows(dev.shmkit.ShmkitException.class, () -> x.get(0));
    }
}
