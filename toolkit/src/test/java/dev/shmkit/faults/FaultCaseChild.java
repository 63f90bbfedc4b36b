package dev.shmkit.faults;

import dev.shmkit.table.FaultCases;
import dev.shmkit.table.SharedTable;

import java.nio.file.Path;

/**
 * Child main: runs one fault case against a fresh segment, then reads another segment.
 * Args: case, case file, other table file, seed, times to run the case's reads on an intact copy first.
 */
public final class FaultCaseChild {
    private FaultCaseChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[1]);
        Path other = Path.of(args[2]);
        if (FaultCases.isObjectCase(args[0])) {
            FaultCases.writeObject(file);
        } else {
            FaultCases.writeTable(file);
        }
        FaultCases.writeTable(other);
        int warm = Integer.parseInt(args[4]);
        if (warm > 0) {
            Path intact = Path.of(args[1] + ".intact");
            if (FaultCases.isObjectCase(args[0])) {
                FaultCases.writeObject(intact);
            } else {
                FaultCases.writeTable(intact);
            }
            FaultCases.warm(args[0], intact, warm);
            System.out.println("warmed " + warm);
        }
        System.out.println("outcome " + FaultCases.run(args[0], file, Long.parseLong(args[3])));
        try (SharedTable t = SharedTable.open(other)) {
            System.out.println("other rows=" + t.copyToTable().rowCount() + " s0[0]=" + t.stringColumn("s0").get(0));
        }
    }
}
