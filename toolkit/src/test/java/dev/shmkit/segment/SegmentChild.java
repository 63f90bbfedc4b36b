package dev.shmkit.segment;

import dev.shmkit.memory.Mapping;
import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceChild;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.table.SharedTable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/** The other processes of {@link SegmentsIT}: write into a draft, read by id, republish, map ids on request. */
public final class SegmentChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        LocalSegmentSource source = LocalSegmentSource.get();
        switch (args[0]) {
            case "fill" -> { // fill <dir> <name> <version> <from> <to>: long i = 7 * i + 1, by id, read-write
                SegmentId id = SegmentId.of(dir, args[2], Long.parseLong(args[3]), SegmentKind.RESULT);
                long from = Long.parseLong(args[4]);
                long to = Long.parseLong(args[5]);
                try (Mapping m = source.map(id)) {
                    for (long i = from; i < to; i++) {
                        m.writeLong(8 * i, 7 * i + 1);
                    }
                    System.out.println("filled " + (to - from) + " writable=" + m.isWritable());
                    if (args.length > 6) {
                        awaitExit(); // "hang": stay mapped until killed
                    }
                }
            }
            case "create" -> { // create <dir> <name> <bytes>: a draft whose creator then waits (to be killed)
                WritableSegment w = new SegmentStore(dir).create(args[2], SegmentKind.RESULT, Long.parseLong(args[3]));
                w.mapping().writeLong(0, 42);
                System.out.println("created " + w.id().version());
                awaitExit();
            }
            case "read" -> { // read <dir> <name> <version> <count>
                SegmentId id = SegmentId.of(dir, args[2], Long.parseLong(args[3]), SegmentKind.RESULT);
                long n = Long.parseLong(args[4]);
                long sum = 0;
                try (Mapping m = source.map(id)) {
                    for (long i = 0; i < n; i++) {
                        sum += m.readLong(8 * i);
                    }
                    System.out.println("sum " + sum + " writable=" + m.isWritable());
                }
            }
            case "republish" -> { // republish <dir> <name> <millis> <tag>
                try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir).sweepOnOpen(false))) {
                    long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000;
                    double tag = Double.parseDouble(args[4]);
                    int n = 0;
                    while (System.nanoTime() < end) {
                        space.publish(args[2], SpaceChild.ramp(20_000, tag)).close();
                        n++;
                    }
                    System.out.println("done " + n);
                    awaitExit();
                }
            }
            case "hold" -> { // hold <dir> <name> <version>: map a table version by id; "exit" unmaps, "quit" ends
                SegmentId id = SegmentId.of(dir, args[2], Long.parseLong(args[3]), SegmentKind.TABLE);
                SharedTable t = SharedTable.attach(source, id);
                System.out.println("mapped rows " + t.rowCount());
                awaitExit();
                t.close();
                System.out.println("unmapped");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                String l;
                while ((l = in.readLine()) != null && !l.equals("quit")) {
                    Thread.onSpinWait();
                }
            }
            case "holdsum" -> { // holdsum <dir> <name> <version>: map a table version by id; "sum" prints its column
                // "tag" summed (read from the mapped pages each time), "exit" unmaps and ends
                SegmentId id = SegmentId.of(dir, args[2], Long.parseLong(args[3]), SegmentKind.TABLE);
                try (SharedTable t = SharedTable.attach(source, id)) {
                    System.out.println("mapped rows " + t.rowCount());
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                    String l;
                    while ((l = in.readLine()) != null && !l.equals("exit")) {
                        System.out.println("sum " + t.doubleColumn("tag").sum());
                    }
                }
                System.out.println("unmapped");
            }
            case "mapper" -> { // mapper <dir> <name>: for each "map <version>" line, attach that version and check it
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                String line;
                while ((line = in.readLine()) != null && !line.equals("exit")) {
                    SegmentId id = SegmentId.of(dir, args[2], Long.parseLong(line.substring(4)), SegmentKind.TABLE);
                    try (SharedTable t = SharedTable.attach(source, id)) {
                        double tag = t.doubleColumn("tag").get(0);
                        boolean whole = t.doubleColumn("tag").sum() == tag * 20_000;
                        System.out.println(whole ? "ok" : "fail torn " + id);
                    } catch (RuntimeException e) {
                        System.out.println("fail " + e);
                    }
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
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
