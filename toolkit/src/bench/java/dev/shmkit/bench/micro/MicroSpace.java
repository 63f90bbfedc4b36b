package dev.shmkit.bench.micro;

import dev.shmkit.data.TableGenerator;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;

/**
 * The default space and one published table for a microbenchmark's trial, removed at its end. Entry
 * names start with {@code bench-micro-} and the pid, so a killed fork leaves what
 * {@code ./shmkit space --sweep} removes, and two forks never share an entry.
 */
final class MicroSpace implements AutoCloseable {
    final SharedSpace space;
    final String name;

    MicroSpace(String what, int rows, int doubleColumns) {
        space = SharedSpace.open(SpaceOptions.defaults());
        name = "bench-micro-" + what + "-" + ProcessHandle.current().pid();
        space.publish(name, TableGenerator.rows(rows).doubles(doubleColumns).seed(7).generate()).close();
    }

    /** A new view of the table (a mapping of its own when no other view of it is open in this process). */
    SharedTable table() {
        return space.table(name);
    }

    @Override
    public void close() {
        space.remove(name);
        space.close();
    }
}
