package dev.shmkit.job;

import dev.shmkit.ShmkitException;
import dev.shmkit.object.ObjectSegment;
import dev.shmkit.object.ObjectWriter;
import dev.shmkit.testing.ProcResources;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SpaceDirExtension.class)
class JobResultTest {
    private static JobReport report(int tasks) {
        return new JobReport("j", 1, 1, java.util.stream.IntStream.range(0, tasks)
                .mapToObj(i -> new TaskReport(i, "t", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)).toList());
    }

    private static Table part(int from, int n) {
        int[] x = new int[n];
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i;
            s[i] = "r" + (from + i);
        }
        return Table.create("p", IntColumn.create("x", x), StringColumn.create("s", s));
    }

    @Test
    void shouldConcatenateTablesInTaskOrderByColumnName() {
        Table reordered = Table.create("p", StringColumn.create("s", "r5", "r6"), IntColumn.create("x", 5, 6));
        JobResult<Table> r = new JobResult<>(List.of(part(0, 3), part(3, 2), reordered), report(3));
        Table all = r.toTable();
        assertEquals(List.of("x", "s"), all.columnNames());
        assertEquals(7, all.rowCount());
        for (int i = 0; i < 7; i++) {
            assertEquals(i, all.intColumn("x").getInt(i));
            assertEquals("r" + i, all.stringColumn("s").get(i));
        }
        assertEquals(3, r.values().get(0).rowCount(), "the task's tables are not changed");
    }

    @Test
    void shouldNameTheTaskAndColumnWhenSchemasDiffer() {
        Table wrongType = Table.create("p", DoubleColumn.create("x", 1.0), StringColumn.create("s", "a"));
        ShmkitException e = assertThrows(ShmkitException.class,
                () -> new JobResult<>(List.of(part(0, 1), wrongType), report(2)).toTable());
        assertTrue(e.getMessage().contains("task=1 column 'x' type=DOUBLE but task=0 has type=INTEGER"), e.getMessage());
        Table missing = Table.create("p", IntColumn.create("x", 1), StringColumn.create("t", "a"));
        e = assertThrows(ShmkitException.class, () -> new JobResult<>(List.of(part(0, 1), part(1, 1), missing), report(3)).toTable());
        assertTrue(e.getMessage().contains("task=2 has no column 's'"), e.getMessage());
        Table extra = part(0, 1).addColumns(IntColumn.create("y", 1));
        e = assertThrows(ShmkitException.class, () -> new JobResult<>(List.of(part(0, 1), extra), report(2)).toTable());
        assertTrue(e.getMessage().contains("task=1") && e.getMessage().contains("[x, s, y]"), e.getMessage());
        e = assertThrows(ShmkitException.class, () -> new JobResult<>(Arrays.asList(part(0, 1), 42), report(2)).toTable());
        assertTrue(e.getMessage().contains("task=1 returned a java.lang.Integer"), e.getMessage());
    }

    @Test
    void shouldUnmapAndDeleteItsResultSegmentsOnCloseOnce(Path dir) throws Exception {
        Path file = dir.resolve("t1-0.1.1.res");
        double[] big = new double[300_000];
        big[299_999] = 7;
        ObjectWriter.write(big, file, ProcessHandle.current().pid());
        ObjectSegment seg = ObjectSegment.open(file);
        ResultSegment rs = ResultSegment.ofObject(file, seg, big);
        JobResult<double[]> r = new JobResult<>(List.of(big), report(2), Arrays.asList(rs, null));
        assertEquals(Files.size(file), r.resultSegment(0).bytes());
        assertEquals(7.0, r.resultSegment(0).objectSegment().doubles("$").get(299_999));
        assertEquals(null, r.resultSegment(1));
        assertFalse(ProcResources.mapsUnder(ProcResources.self(), dir).isEmpty(), "mapped while held");
        r.close();
        r.close();
        assertFalse(Files.exists(file));
        assertEquals(List.of(), ProcResources.mapsUnder(ProcResources.self(), dir));
        assertTrue(rs.isClosed());
        assertEquals(7.0, r.values().get(0)[299_999]);
    }
}
