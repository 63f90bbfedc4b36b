package dev.shmkit.cli;

import dev.shmkit.space.SharedSpace;
import dev.shmkit.space.SpaceChild;
import dev.shmkit.space.SpaceOptions;
import dev.shmkit.testing.ChildJvm;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's commands, run as real JVMs the way {@code ./shmkit} runs them. */
@ExtendWith(SpaceDirExtension.class)
class CliIT {

    private static List<String> run(int expectExit, String... args) throws Exception {
        try (ChildJvm c = ChildJvm.start(Main.class, args)) {
            List<String> lines = new ArrayList<>();
            String l;
            var r = new java.io.BufferedReader(new java.io.InputStreamReader(c.process().getInputStream()));
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
            assertEquals(expectExit, c.waitFor(60), String.join("\n", lines));
            return lines;
        }
    }

    @Test
    void shouldListAndSweepASpace(Path dir) throws Exception {
        Path spaceDir = dir.resolve("s");
        try (SharedSpace space = SharedSpace.open(SpaceOptions.directory(spaceDir))) {
            space.publish("big", SpaceChild.ramp(1000, 0));
            space.put("cfg", List.of(1, 2, 3));
            try (ChildJvm publisher = ChildJvm.start(SpaceChild.class, "publish", spaceDir.toString(), "orphan", "10")) {
                publisher.expect("published", 60);
                publisher.kill();
            }
            List<String> out = run(0, "space", "--dir", spaceDir.toString());
            String text = String.join("\n", out);
            assertTrue(out.get(0).contains("4 entries"), text);
            assertTrue(text.matches("(?s).*\\nbig +table +1 .* 1,000 +2 .*yes.*"), text);
            assertTrue(text.matches("(?s).*\\norphan +table +1 .* 10 +2 .* no .*"), text);
            List<String> swept = run(0, "space", "--dir", spaceDir.toString(), "--sweep");
            String sweptText = String.join("\n", swept);
            assertTrue(sweptText.contains("removed=2 segments"), sweptText);
            assertTrue(sweptText.contains("2 entries"), sweptText);
        }
    }

    @Test
    void shouldGenerateACsvAndRejectBadUsage(Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        List<String> out = run(0, "generate", "--rows", "1000", "--doubles", "2", "--strings", "1", "--out", csv.toString());
        assertTrue(out.get(0).startsWith("wrote 1000 rows x 3 columns"), out.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1001, lines.size());
        assertEquals("x0,x1,s0", lines.get(0));
        Files.delete(csv);
        run(2, "generate", "--rows", "ten", "--out", csv.toString());
        run(2, "space", "--bogus");
    }
}
