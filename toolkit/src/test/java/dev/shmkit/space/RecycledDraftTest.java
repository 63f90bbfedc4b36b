package dev.shmkit.space;

import dev.shmkit.array.SharedLongArray;
import dev.shmkit.memory.DevicePages;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A shared array's draft takes the spare its name's superseded version left (its pages allocated already)
 * and reads all zeros, whether the spare is longer or shorter than the new array: the old values are
 * zeroed before the draft is handed out, never shown.
 */
@ExtendWith(SpaceDirExtension.class)
class RecycledDraftTest {
    private static final int N = 1_000_000;

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("a.")).toList();
        }
    }

    private static long ino(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    /** Allocates "a", fills it with {@code value}, publishes it. */
    private static void publish(SharedSpace space, int length, long value) {
        try (SharedLongArray a = space.allocateLongs("a", length)) {
            a.fill(value);
            a.publish();
        }
    }

    @Test
    void shouldZeroTheSpareADraftTakesWhetherShorterOrLonger(Path dir) throws IOException {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            boolean recycles = !DevicePages.of(spaceDir).huge();
            publish(space, N, -1L);
            for (int length : new int[] {N / 2 + 3, 2 * N + 5}) {
                publish(space, length, 7L); // the previous version, nobody mapping it, becomes the spare
                List<Path> spares = files(spaceDir.resolve(".spare"));
                assertEquals(recycles ? 1 : 0, spares.size(), "spares after republishing: " + spares);
                Long spareIno = spares.isEmpty() ? null : ino(spares.get(0));
                try (SharedLongArray draft = space.allocateLongs("a", length)) {
                    List<Path> drafts = files(spaceDir.resolve(".tmp"));
                    assertEquals(1, drafts.size(), "one draft: " + drafts);
                    if (recycles) {
                        assertEquals(List.of(), files(spaceDir.resolve(".spare")), "the draft took the spare");
                        assertEquals(spareIno, ino(drafts.get(0)), "length=" + length + ": the draft is the spare's file");
                    }
                    assertEquals(length, draft.length());
                    long[] values = draft.copyToArray();
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] != 0) {
                            throw new AssertionError("length=" + length + ": element " + i + " = " + values[i]
                                    + " in a new array (the spare's old bytes)");
                        }
                    }
                    draft.fill(1L);
                    draft.publish();
                }
                try (SharedLongArray back = space.array("a", SharedLongArray.class)) {
                    assertEquals((long) length, back.sum(), "length=" + length + ": the sealed array is the one written");
                }
            }
        }
    }
}
