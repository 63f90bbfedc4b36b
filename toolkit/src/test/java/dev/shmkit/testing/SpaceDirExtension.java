package dev.shmkit.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives each test its own space directory (under /dev/shm when present) as a {@code Path}
 * parameter, and fails the test if it leaks, as the operating system sees it: after the test, no
 * line of {@code /proc/self/maps} and no entry of {@code /proc/self/fd} may refer to a file under the
 * directory (after a short bounded wait), and the directory may hold no file but the space lock.
 */
public final class SpaceDirExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SpaceDirExtension.class);
    /** Unmapping is synchronous in shmkit; the wait only absorbs a cleaner thread that is mid-release. */
    private static final long RELEASE_WAIT_MILLIS = 2_000;

    @Override
    public void beforeEach(ExtensionContext ctx) throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "shmkit-test-");
        ctx.getStore(NS).put("dir", dir);
    }

    @Override
    public void afterEach(ExtensionContext ctx) throws IOException, InterruptedException {
        Path dir = ctx.getStore(NS).get("dir", Path.class);
        List<String> held = ProcResources.awaitReleased(ProcResources.self(), dir, RELEASE_WAIT_MILLIS);
        List<String> leftovers = leftovers(dir);
        for (int i = 0; i < 50 && !leftovers.isEmpty(); i++) {
            Thread.sleep(20); // a retired file is unlinked right after its unmap, possibly by the cleaner's thread
            leftovers = leftovers(dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (ctx.getExecutionException().isPresent()) {
            return;
        }
        if (!held.isEmpty()) {
            throw new AssertionError("test leaked mappings or open files under " + dir + " (from /proc/self): "
                    + String.join("\n  ", held));
        }
        if (!leftovers.isEmpty()) {
            throw new AssertionError("test left files in its space directory " + dir + ": " + leftovers);
        }
    }

    private static List<String> leftovers(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .forEach(p -> out.add(dir.relativize(p).toString()));
        }
        return out;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == Path.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        return ctx.getStore(NS).get("dir", Path.class);
    }
}
