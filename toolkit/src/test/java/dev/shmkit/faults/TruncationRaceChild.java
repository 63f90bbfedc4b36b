package dev.shmkit.faults;

import dev.shmkit.table.DoubleColumnView;
import dev.shmkit.table.FaultCases;
import dev.shmkit.table.SharedTable;
import dev.shmkit.table.StringColumnView;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child main: truncates a segment while this JVM's compiled code is reading it (the race the
 * one-off fault cases cannot hit). Args: case (strings, ints, get-loop, sum, copy), file, warm-up rounds.
 * Prints {@code outcome <exception or ok>} and then reads another fresh segment.
 */
public final class TruncationRaceChild {
    private TruncationRaceChild() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path file = Path.of(args[1]);
        int warm = Integer.parseInt(args[2]);
        Path intact = Path.of(args[1] + ".intact");
        FaultCases.writeTable(intact);
        for (int i = 0; i < warm; i++) {
            try (SharedTable t = SharedTable.open(intact)) {
                read(kind, t);
            }
        }
        FaultCases.writeTable(file);
        String outcome;
        try (SharedTable t = SharedTable.open(file)) {
            t.doubleColumn("x0").get(0);
            long delayMicros = ThreadLocalRandom.current().nextLong(200, 20_000);
            Thread cutter = new Thread(() -> {
                try {
                    Thread.sleep(delayMicros / 1000, (int) (delayMicros % 1000) * 1000);
                } catch (InterruptedException e) {
                    return;
                }
                FaultCases.truncateInPlace(file);
            });
            cutter.start();
            try {
                long rounds = 0;
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    read(kind, t);
                    rounds++;
                }
                outcome = "ok rounds=" + rounds;
            } catch (RuntimeException | InternalError e) {
                outcome = e.getClass().getName() + ": " + e.getMessage();
            }
            cutter.join();
        }
        System.out.println("outcome " + outcome);
        Path other = Path.of(args[1] + ".other");
        FaultCases.writeTable(other);
        try (SharedTable t = SharedTable.open(other)) {
            System.out.println("other rows=" + t.copyToTable().rowCount() + " s0[0]=" + t.stringColumn("s0").get(0));
        }
    }

    private static long read(String kind, SharedTable t) {
        switch (kind) {
            case "strings" -> {
                StringColumnView v = t.stringColumn("s0");
                long chars = 0;
                for (int i = 0; i < v.size(); i++) {
                    chars += v.get(i).length();
                }
                return chars;
            }
            case "ints" -> {
                return FaultCases.sumInts(t.intColumn("i0")) + (long) t.intColumn("i0").sum();
            }
            case "get-loop" -> {
                DoubleColumnView x = t.doubleColumn("x0");
                double s = 0;
                for (int i = 0; i < x.size(); i++) {
                    s += x.get(i);
                }
                return (long) s;
            }
            case "sum" -> {
                return (long) t.doubleColumn("x0").sum();
            }
            case "copy" -> {
                return t.copyToTable().rowCount();
            }
            default -> throw new IllegalArgumentException("no case " + kind);
        }
    }
}
