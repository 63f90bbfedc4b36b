package dev.shmkit.kernel;

import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one kernel start/stop fixture of this module's in-process kernel tests: before the class,
 * a space directory of its own ({@link SpaceDirPerClass}, set as {@code -Dshmkit.dir}) and a started
 * {@link ShmkitKernel}; after it, the kernel shut down, every process it started (worker JVMs) gone
 * within {@value #EXIT_SECONDS} s, and the space directory checked for leaks. Register it with
 * {@code @RegisterExtension static RunningKernel kernel = new RunningKernel();}.
 */
public final class RunningKernel implements BeforeAllCallback, AfterAllCallback {
    /** Worker JVMs get a close request and then a kill; this bounds both. */
    private static final int EXIT_SECONDS = 20;

    /** {@code dev.shmkit.magic.NotebookPool.START_PROPERTY} (the kernel package may not name the magic package). */
    private static final String POOL_START_PROPERTY = "shmkit.pool.start";
    private final SpaceDirPerClass spaceDir = new SpaceDirPerClass();
    private boolean setPoolStart;
    private ShmkitKernel kernel;

    @Override
    public void beforeAll(ExtensionContext ctx) throws Exception {
        spaceDir.beforeAll(ctx);
        System.setProperty(SpaceOptions.DIR_PROPERTY, spaceDir.directory().toString());
        // Unit tests with a kernel start no worker JVMs unless they use the pool; a test of the background
        // start sets the property itself before this runs.
        if (System.getProperty(POOL_START_PROPERTY) == null) {
            System.setProperty(POOL_START_PROPERTY, "lazy");
            setPoolStart = true;
        }
        kernel = new ShmkitKernel();
        kernel.onStartup();
    }

    @Override
    public void afterAll(ExtensionContext ctx) throws Exception {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        try {
            kernel.onShutdown(false);
            CompletableFuture.allOf(children.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, EXIT_SECONDS, TimeUnit.SECONDS).join();
            List<Long> alive = children.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
            if (!alive.isEmpty()) {
                throw new AssertionError("shutting the kernel down left child processes alive after " + EXIT_SECONDS
                        + " s: pids=" + alive);
            }
        } finally {
            System.clearProperty(SpaceOptions.DIR_PROPERTY);
            if (setPoolStart) {
                System.clearProperty(POOL_START_PROPERTY);
            }
            spaceDir.afterAll(ctx);
        }
    }

    /**
     * Evaluates {@code code} on another thread: completes with what the evaluation threw, or null if it
     * returned (for tests that interrupt a running cell).
     */
    public static CompletableFuture<Throwable> evalInBackground(ShmkitKernel kernel, String code) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                kernel.evalRaw(code);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
    }

    /** The started kernel. */
    public ShmkitKernel kernel() {
        return kernel;
    }
}
