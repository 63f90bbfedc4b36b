package dev.shmkit.kernel;

import dev.shmkit.testing.SpaceDirExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * Toolkit's {@link SpaceDirExtension} (its space directory and its leak check) around a whole test
 * class instead of each test, for classes that share one kernel or one notebook run: the directory
 * is made before the class's {@code @BeforeAll} and checked after its {@code @AfterAll}, once the
 * kernel has shut down. Register it with {@code @RegisterExtension static}.
 */
public final class SpaceDirPerClass implements BeforeAllCallback, AfterAllCallback {
    private final SpaceDirExtension spaceDir = new SpaceDirExtension();
    private Path directory;

    @Override
    public void beforeAll(ExtensionContext ctx) throws Exception {
        spaceDir.beforeEach(ctx);
        directory = (Path) spaceDir.resolveParameter(null, ctx);
    }

    @Override
    public void afterAll(ExtensionContext ctx) throws Exception {
        spaceDir.afterEach(ctx);
    }

    /** The class's space base directory (pass it as {@code SHMKIT_DIR} or {@code -Dshmkit.dir}). */
    public Path directory() {
        return directory;
    }
}
