package dev.shmkit.faults;

import dev.shmkit.ShmkitException;
import dev.shmkit.segment.SegmentKind;
import dev.shmkit.segment.WritableSegment;
import dev.shmkit.space.SharedSpace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A victim process for {@link SpaceDirectorySecurityIT}: opens the default space under
 * {@code -Dshmkit.dir}, publishes a table and an object, creates a draft and, while all of them
 * exist, prints every path under the base as {@code PATH <relative> <type> uid=<uid> mode=<octal>}
 * (links not followed), then {@code OK}. A refusal prints {@code REFUSED <message>} and exits 3.
 */
public final class SecurityChild {
    private SecurityChild() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(System.getProperty("shmkit.dir"));
        try (SharedSpace space = SharedSpace.open()) {
            double[] x = new double[1000];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            space.publish("t", Table.create("t", DoubleColumn.create("x", x)));
            space.put("o", List.of(1, 2, 3));
            try (WritableSegment draft = space.store().create("d", SegmentKind.RESULT, 4096)) {
                space.store().privateDirectory(".pools");
                try (Stream<Path> all = Files.walk(base)) {
                    for (Path p : (Iterable<Path>) all::iterator) {
                        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
                        int mode = (Integer) a.get("mode");
                        String type = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file";
                        System.out.println("PATH " + base.relativize(p) + " " + type + " uid=" + a.get("uid")
                                + " mode=" + String.format("%04o", mode & 07777));
                    }
                }
                System.out.println("sum=" + space.table("t").doubleColumn("x").sum());
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(space.table("t").path(),
                        java.nio.file.StandardOpenOption.WRITE)) {
                    System.out.println("WRITE-OPEN allowed size=" + ch.size());
                } catch (java.nio.file.AccessDeniedException e) {
                    System.out.println("WRITE-OPEN refused " + e);
                }
            }
            System.out.println("OK");
        } catch (ShmkitException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.exit(3);
        }
    }
}
