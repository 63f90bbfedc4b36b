package dev.shmkit.table;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Python module ({@code toolkit/src/main/python/shmkit}) opens the current version of a table
 * Java published, by name, resolving the space as Java does ({@code SHMKIT_DIR}, default space):
 * pyarrow zero-copy (its buffer lies inside the file's mapping in {@code /proc/self/maps}), polars
 * memory-mapped, pandas with Arrow dtypes; a missing name is an error naming what is there, and
 * nothing is created.
 */
class PythonModuleTest {
    private static final int ROWS = 10_000;

    @TempDir(factory = ShmTempDirFactory.class)
    Path base;

    private static Table table(double factor) {
        return Table.create("t", DoubleColumn.create("x", IntStream.range(0, ROWS).mapToDouble(i -> i * factor).toArray()),
                StringColumn.create("s", IntStream.range(0, ROWS).mapToObj(i -> "s" + (i % 7)).toArray(String[]::new)));
    }

    @Test
    void shouldOpenTheCurrentVersionByNameFromPython() throws Exception {
        Path spaceDir = base.resolve(SpaceOptions.DEFAULT_SPACE);
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", table(1));
            space.publish("big", table(2));  // a new version: a new file name, which Python finds by name
            space.publish("other", table(1));
            Path current = space.entry("big").orElseThrow().path();
            assertTrue(current.getFileName().toString().startsWith("big.v2."), current.toString());

            List<String> lines = run("big");
            long sum = (long) ROWS * (ROWS - 1);  // of 2i, i < ROWS
            assertEquals("path\t" + current, lines.get(0));
            assertEquals("pyarrow\t" + ROWS + "\t" + 2.0 * (ROWS - 1) + "\t" + sum + "\tTrue", lines.get(1),
                    "values of v2, read in place (the buffer lies inside the file's mapping)");
            assertEquals("strings\tdictionary<values=string, indices=int32, ordered=0>\ts1", lines.get(2));
            assertEquals("polars\t" + ROWS + "\t" + sum + "\tTrue\ts1", lines.get(3), "polars maps the file");
            assertEquals("pandas\t" + ROWS + "\tdouble[pyarrow]\t" + sum + "\tTrue", lines.get(4));
            assertTrue(lines.get(5).startsWith("missing\tno table 'nosuch' in space " + spaceDir + "; tables there: big, other;"),
                    lines.get(5));
            assertEquals("created\tFalse", lines.get(6));
            assertTrue(Files.notExists(base.resolve("nospace")));
        }
    }

    @Test
    void shouldMapTheVersionUnderTheSpaceLock() throws Exception {
        Path spaceDir = base.resolve(SpaceOptions.DEFAULT_SPACE);
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", table(1)).close();
            // Held as SpaceLock holds it (an exclusive POSIX record lock on .lock): a file nobody maps may be
            // recycled by the next publish, so Python must map it while no publisher holds the lock.
            try (FileChannel ch = FileChannel.open(spaceDir.resolve(".lock"), StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                ProcessBuilder pb = new ProcessBuilder(Python.interpreter(), "-c",
                        "import shmkit; t = shmkit.open('big'); print('opened', t.num_rows, flush=True)");
                pb.environment().put("SHMKIT_DIR", base.toString());
                pb.environment().remove("SHMKIT_SPACE");
                pb.environment().put("PYTHONPATH", Python.repoRoot().resolve("toolkit/src/main/python").toString());
                Process p = pb.redirectErrorStream(true).start();
                try {
                    assertFalse(p.waitFor(3, TimeUnit.SECONDS), "Python opened the table while the space lock was held");
                    lock.release();
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Python did not finish once the lock was released");
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals(0, p.exitValue(), out);
                    assertEquals("opened " + ROWS, out.strip());
                } finally {
                    p.destroyForcibly();
                }
            }
        }
    }

    private List<String> run(String name) throws Exception {
        Path script = base.resolve("open_by_name.py");
        try (InputStream in = PythonModuleTest.class.getResourceAsStream("open_by_name.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(Python.interpreter(), script.toString(), name);
        pb.environment().put("SHMKIT_DIR", base.toString());
        pb.environment().remove("SHMKIT_SPACE");
        pb.environment().put("PYTHONPATH", Python.repoRoot().resolve("toolkit/src/main/python").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("open_by_name.py timed out");
        }
        if (p.exitValue() != 0) {
            fail("open_by_name.py exited with " + p.exitValue() + (err.contains("No module named") ? " (run ./shmkit venv:"
                    + " it installs pyarrow, polars and pandas)" : "") + ":\n" + err);
        }
        return new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\n")));
    }
}
