package dev.shmkit.faults;

import dev.shmkit.data.TableGenerator;
import tech.tablesaw.api.Table;

/** Child main: the first Tablesaw use of a fresh JVM is a mixed-type {@code TableGenerator.generate()}. */
public final class GeneratorChild {
    private GeneratorChild() {
    }

    public static void main(String[] args) {
        Table t = TableGenerator.rows(10).doubles(1).ints(1).longs(1).strings(1, 5).seed(Long.parseLong(args[0])).generate();
        System.out.println("generated rows=" + t.rowCount() + " columns=" + t.columnCount());
    }
}
