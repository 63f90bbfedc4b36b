package dev.shmkit.testing;

import dev.shmkit.memory.Mapping;
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
 * parameter, and fails the test if it leaks: a mapping left open, or a segment file left in
 * the directory after the test closed its spaces.
 */
public final class SpaceDirExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SpaceDirExtension.class);

    @Override
    public void beforeEach(ExtensionContext ctx) throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "shmkit-test-");
        ctx.getStore(NS).put("dir", dir);
        ctx.getStore(NS).put("mappings", Mapping.openCount());
    }

    @Override
    public void afterEach(ExtensionContext ctx) throws IOException {
        Path dir = ctx.getStore(NS).get("dir", Path.class);
        int before = ctx.getStore(NS).get("mappings", Integer.class);
        List<String> leftovers = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .forEach(p -> leftovers.add(dir.relativize(p).toString()));
        }
        int mappings = Mapping.openCount();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (ctx.getExecutionException().isPresent()) {
            return;
        }
        if (mappings != before) {
            throw new AssertionError("test leaked mappings: open before=" + before + " after=" + mappings);
        }
        if (!leftovers.isEmpty()) {
            throw new AssertionError("test left files in its space directory " + dir + ": " + leftovers);
        }
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
