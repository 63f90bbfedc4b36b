package dev.shmkit.cli;

import dev.shmkit.data.TableGenerator;
import tech.tablesaw.api.Table;

import java.util.Set;

/** {@code shmkit generate --rows N ... --out FILE.csv}: writes a seeded synthetic table as CSV. */
final class GenerateCommand {
    private static final String USAGE = "shmkit generate --rows N [--doubles K] [--ints K] [--longs K] [--strings K]"
            + " [--distinct D] [--seed S] --out FILE.csv";

    private GenerateCommand() {
    }

    static void run(String[] argv) {
        Args a = Args.parse(argv, Set.of(), Set.of("rows", "doubles", "ints", "longs", "strings", "distinct", "seed", "out"), USAGE);
        if (!a.options.containsKey("rows") || !a.options.containsKey("out")) {
            throw new UsageException("--rows and --out are required; usage: " + USAGE);
        }
        long t0 = System.nanoTime();
        Table t = TableGenerator.rows(a.getInt("rows", 0, USAGE)).doubles(a.getInt("doubles", 0, USAGE))
                .ints(a.getInt("ints", 0, USAGE)).longs(a.getInt("longs", 0, USAGE))
                .strings(a.getInt("strings", 0, USAGE), a.getInt("distinct", 100, USAGE))
                .seed(a.getInt("seed", 42, USAGE)).generate();
        if (t.columnCount() == 0) {
            throw new UsageException("no columns requested; add --doubles/--ints/--longs/--strings; usage: " + USAGE);
        }
        t.write().csv(a.get("out", ""));
        System.out.printf("wrote %d rows x %d columns to %s in %.2f s%n", t.rowCount(), t.columnCount(), a.get("out", ""),
                (System.nanoTime() - t0) / 1e9);
    }
}
