package dev.shmkit.space;

import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2: a publisher's temporary file is 0600 from its first byte, not chmodded after
 * writing. Another thread watches {@code .tmp/} while large tables and objects are written and
 * records the mode of every file it sees there.
 */
@ExtendWith(SpaceDirExtension.class)
class SpacePrivateFilesTest {
    /** 4 columns x 2M rows = 64 MiB per table: long enough to be seen being written many times. */
    private static final int ROWS = 2_000_000;
    /** Publications per kind: each one is a new temporary file. */
    private static final int ROUNDS = 3;

    @Test
    void shouldKeepTemporaryFilesPrivateWhileTheyAreWritten(Path dir) throws Exception {
        Map<String, String> modes = new ConcurrentHashMap<>();
        AtomicLong observations = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(dir.resolve("s")))) {
            Path tmp = space.store().temporaryDirectory();
            Thread watcher = new Thread(() -> {
                while (!stop.get()) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
                        for (Path p : ds) {
                            try {
                                String m = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                                long size = Files.size(p);
                                observations.incrementAndGet();
                                modes.merge(m, p.getFileName() + " size=" + size, (a, b) -> a);
                            } catch (NoSuchFileException e) {
                                // renamed into place meanwhile
                            }
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }, "tmp-watcher");
            watcher.start();
            double[] x = new double[ROWS];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            for (int r = 0; r < ROUNDS; r++) {
                space.publish("big", Table.create("big", DoubleColumn.create("a", x), DoubleColumn.create("b", x),
                        DoubleColumn.create("c", x), DoubleColumn.create("d", x)));
                space.put("arr", new double[][] {x, x, x, x});
            }
            stop.set(true);
            watcher.join(10_000);
            assertTrue(observations.get() > 0, "the watcher never saw a temporary file: " + modes);
            assertTrue(Set.of("rw-------", "r--------").containsAll(modes.keySet()) && modes.containsKey("rw-------"),
                    "modes seen in .tmp/ (mode -> first file; r-------- is a finished file made read-only just before its rename): " + modes);
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(space.store().current("big")
                    .orElseThrow().path())));
            System.out.println("observed " + observations.get() + " temporary files being written, modes=" + modes);
        }
    }
}
