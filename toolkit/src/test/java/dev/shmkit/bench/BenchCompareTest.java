package dev.shmkit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCompareTest {
    @Test
    void shouldReadTheFiguresOfJsonLinesAndSkipOtherLines() {
        Map<String, Double> f = BenchCompare.parse(List.of(Json.line("W1", "share repeated", "wall_s", 0.0372, 100),
                "job 'w1-share': tasks=100 ...", Json.line("start", "2 warm workers", "wall_s", 16.25, 2)));
        assertEquals(Map.of("W1 / share repeated / wall_s", 0.0372, "start / 2 warm workers / wall_s", 16.25), f);
    }

    @Test
    void shouldPrintEachFigureBesideTheSavedOneWithTheRatio(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.jsonl");
        Files.write(before, List.of(Json.line("start", "2 warm workers", "wall_s", 16.0, 2),
                Json.line("W1", "publish", "wall_s", 2.0, 10)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(err, true, StandardCharsets.UTF_8);
        BenchCompare.around(before, to, () -> {
            Json.print("start", "2 warm workers", "wall_s", 4.0, 2);
            Json.print("W3", "chunk=1", "us_per_item", 20.0, 100000);
        });
        String table = err.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("compared with " + before + ":"), table);
        assertTrue(table.matches("(?s).*start / 2 warm workers / wall_s +16\\.0+ +4\\.0+ +0\\.250\\n.*"), table);
        assertTrue(table.matches("(?s).*W3 / chunk=1 / us_per_item +- +20\\.0+ +-\\n.*"), table);
        assertTrue(table.matches("(?s).*W1 / publish / wall_s +2\\.0+ +- +-\\n.*"), table);
    }

    @Test
    void shouldRefuseAFileWithoutFiguresNamingTheFormat(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "not a benchmark\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchCompare.read(junk));
        assertTrue(e.getMessage().contains("file=" + junk) && e.getMessage().contains("> before.jsonl"), e.getMessage());
    }
}
