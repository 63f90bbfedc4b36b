package dev.shmkit.job;

import dev.shmkit.ShmkitException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;

/** Concatenates the table-valued results of a job's tasks in order (for {@link JobResult#toTable()}). */
final class TableConcat {
    private TableConcat() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Table concat(List<?> values) {
        if (values.isEmpty()) {
            throw new ShmkitException("toTable(): the job has no results (tasks=0); nothing to concatenate");
        }
        Table first = table(values, 0);
        Table out = first.emptyCopy();
        for (int i = 0; i < values.size(); i++) {
            Table t = table(values, i);
            check(first, t, i);
            for (Column<?> c : out.columns()) {
                ((Column) c).append((Column) t.column(c.name()));
            }
        }
        return out;
    }

    private static Table table(List<?> values, int task) {
        Object v = values.get(task);
        if (!(v instanceof Table t)) {
            throw new ShmkitException("toTable(): task=" + task + " returned " + (v == null ? "null" : "a "
                    + v.getClass().getName()) + ", not a tech.tablesaw.api.Table (every task must return a Table)");
        }
        return t;
    }

    private static void check(Table first, Table t, int task) {
        if (t.columnCount() != first.columnCount()) {
            throw new ShmkitException("toTable(): task=" + task + " table has columns=" + t.columnNames()
                    + " but task=0 has columns=" + first.columnNames() + " (same schema required)");
        }
        for (Column<?> c : first.columns()) {
            if (!t.containsColumn(c.name())) {
                throw new ShmkitException("toTable(): task=" + task + " has no column '" + c.name() + "' (task=0 has it;"
                        + " columns=" + t.columnNames() + "; same schema required)");
            }
            Column<?> other = t.column(c.name());
            if (!other.type().equals(c.type())) {
                throw new ShmkitException("toTable(): task=" + task + " column '" + c.name() + "' type=" + other.type()
                        + " but task=0 has type=" + c.type() + " (same schema required)");
            }
        }
    }
}
