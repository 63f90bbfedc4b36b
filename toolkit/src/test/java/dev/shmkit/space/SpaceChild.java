package dev.shmkit.space;

import dev.shmkit.table.SharedTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The other process in {@link SpaceIT}: publishes, reads or maps, then waits for "exit" on stdin. */
public final class SpaceChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        SpaceOptions opts = SpaceOptions.directory(dir).sweepOnOpen(false);
        switch (args[0]) {
            case "publish" -> {
                SharedSpace space = SharedSpace.open(opts);
                SharedTable t = space.publish(args[2], ramp(Integer.parseInt(args[3]), 0));
                space.put(args[2] + "-obj", Map.of("rows", t.rowCount(), "list", List.of("a", "b")));
                System.out.println("published " + t.path());
                awaitExit();
                System.exit(0); // normal exit: the shutdown hook removes this process's segments
            }
            case "read" -> {
                try (SharedSpace space = SharedSpace.open(opts)) {
                    SharedTable t = space.table(args[2]);
                    System.out.println("rows " + t.rowCount() + " sum " + t.doubleColumn("x").sum()
                            + " obj " + space.get(args[2] + "-obj", Map.class).get("list"));
                    awaitExit();
                }
            }
            case "hold" -> {
                try (SharedTable t = SharedTable.open(Path.of(args[2]))) {
                    System.out.println("mapped rows " + t.rowCount());
                    awaitExit();
                    System.out.println("still reads sum " + t.doubleColumn("x").sum());
                }
            }
            case "race" -> {
                try (SharedSpace space = SharedSpace.open(opts)) {
                    double tag = Double.parseDouble(args[4]);
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        space.publish(args[2], ramp(20_000, tag));
                    }
                    System.out.println("raced");
                    awaitExit();
                    // leave the last version in place for the parent: drop ownership by exiting via halt
                    Runtime.getRuntime().halt(0);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    public static Table ramp(int rows, double tag) {
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i;
            y[i] = tag;
        }
        return Table.create("ramp", DoubleColumn.create("x", x), DoubleColumn.create("tag", y));
    }

    private static void awaitExit() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("exit")) {
                return;
            }
        }
    }
}
