package dev.shmkit.memory;

import dev.shmkit.JvmFlags;
import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A JVM started without the Chronicle properties still unmaps: {@link Mapping} sets them itself. */
@ExtendWith(SpaceDirExtension.class)
class MappingIT {

    private static String run(Path file, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String f : JvmFlags.forCurrentRuntime()) {
            if (!f.startsWith("-D" + Mapping.RETAIN_PROPERTY) && !f.startsWith("-D" + Mapping.BACKGROUND_RELEASER_PROPERTY)) {
                cmd.add(f);
            }
        }
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MappingChild.class.getName(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void shouldUnmapInAJvmStartedWithoutTheRetainProperty(Path dir) throws Exception {
        Path f = dir.resolve("f.bin");
        Files.write(f, new byte[1 << 20]);
        assertEquals("retain=true mapped=1 after-close=0", run(f));
        // The control: with Chronicle's default explicitly kept, the released file stays mapped (issue 8).
        assertEquals("retain=false mapped=1 after-close=1", run(f, "-DmappedFile.retain=false"));
        Files.delete(f);
    }
}
