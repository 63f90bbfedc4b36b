package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.ship.ClassServer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker processes of one pool: the control socket (in a private temp directory), the
 * accept loop that connects each new worker, spawning, replacing, resizing and stopping them.
 */
final class Workers {
    /** A worker not warm and connected by then failed to start. */
    private static final long START_TIMEOUT_MS = 60_000;
    /** Time a worker gets to exit after SHUTDOWN before it is killed. */
    private static final long EXIT_GRACE_MS = 2_000;
    /** How often timeouts are checked. */
    private static final long TIMEOUT_TICK_MS = 20;

    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final WorkerLauncher launcher;
    private final Scheduler scheduler;
    private final ClassServer classes;
    private final List<WorkerHandle> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final Thread shutdownHook;
    private volatile int target;
    private volatile boolean closed;

    private Workers(PoolOptions options, ClassServer classes) throws IOException {
        this.classes = classes;
        this.dir = Files.createTempDirectory("shmkit-pool-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.socket = dir.resolve("control.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.launcher = new WorkerLauncher(options, socket);
        this.scheduler = new Scheduler(options.inFlight(), this::replace);
        this.target = options.workers();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "shmkit-pool-timer"));
        timer.scheduleWithFixedDelay(scheduler::checkTimeouts, TIMEOUT_TICK_MS, TIMEOUT_TICK_MS, TimeUnit.MILLISECONDS);
        daemon(this::acceptLoop, "shmkit-pool-accept").start();
        this.shutdownHook = new Thread(this::kill, "shmkit-pool-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the workers; {@code whileWaiting} runs in this thread while they warm up. */
    static Workers start(PoolOptions options, ClassServer classes, Runnable whileWaiting) {
        Workers w;
        try {
            w = new Workers(options, classes);
        } catch (IOException e) {
            throw new ShmkitException("worker pool: creating the control socket failed: " + e, e);
        }
        try {
            w.spawnAndWait(options.workers(), whileWaiting);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    int target() {
        return target;
    }

    boolean closed() {
        return closed;
    }

    List<WorkerInfo> infos() {
        List<WorkerInfo> out = new ArrayList<>();
        for (WorkerHandle h : scheduler.workers()) {
            synchronized (scheduler) {
                out.add(h.info());
            }
        }
        return out;
    }

    private WorkerHandle spawn() {
        int id = nextId.incrementAndGet();
        WorkerHandle h = new WorkerHandle(id, launcher.launch(id));
        all.add(h);
        scheduler.add(h);
        h.process.onExit().thenRun(() -> {
            h.joinReader(1000);
            scheduler.onDeath(h, h.process.exitValue());
        });
        return h;
    }

    private void spawnAndWait(int n, Runnable whileWaiting) {
        List<WorkerHandle> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(spawn());
        }
        whileWaiting.run();
        try {
            boolean ok = scheduler.await(() -> started.stream().allMatch(h -> h.connected() || !h.process.isAlive()),
                    START_TIMEOUT_MS);
            for (WorkerHandle h : started) {
                if (!h.connected()) {
                    h.process.destroyForcibly();
                    throw new ShmkitException("worker " + h.id + " (pid " + h.pid + ") did not start: "
                            + (ok ? "exited with code=" + h.process.waitFor() : "not ready after " + START_TIMEOUT_MS
                            + " ms") + " (its output is above, prefixed [w" + h.id + "])");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShmkitException("interrupted while starting workers");
        }
    }

    private void replace(WorkerHandle dead) {
        if (!closed && dead.connected()) {
            timer.execute(() -> {
                if (!closed) {
                    spawn();
                }
            });
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel sc = server.accept();
                FrameChannel ch = new FrameChannel(sc);
                Frame hello = ch.read();
                int id = hello.getInt();
                WorkerHandle h = all.stream().filter(w -> w.id == id).findFirst().orElse(null);
                if (h == null || hello.type != Frame.HELLO) {
                    ch.close();
                    continue;
                }
                h.connect(ch, scheduler, classes);
                scheduler.connected(h);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("shmkit pool: accepting a worker failed: " + e);
                }
            }
        }
    }

    void resize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers=" + n + " < 1");
        }
        int live = (int) scheduler.workers().stream().filter(w -> !w.retiring).count();
        target = n;
        if (n > live) {
            spawnAndWait(n - live, () -> { });
        } else if (n < live) {
            scheduler.retire(live - n);
        }
    }

    void addClasspath(Path entry) {
        launcher.addClasspath(entry);
        for (WorkerHandle h : scheduler.workers()) {
            if (h.connected()) {
                FrameBuilder b = new FrameBuilder();
                try {
                    h.channel().write(b.begin(Frame.ADD_CLASSPATH).putString(entry.toString()).end());
                } catch (IOException ignored) {
                    // a dying worker; its replacement starts with the entry on its class path
                }
            }
        }
    }

    /** Idempotent: asks workers to exit, kills those that do not, removes the socket directory. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        long end = System.currentTimeMillis() + EXIT_GRACE_MS;
        for (WorkerHandle h : all) {
            try {
                long left = Math.max(1, end - System.currentTimeMillis());
                if (!h.process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    h.process.destroyForcibly().waitFor(EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        timer.shutdownNow();
        try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless and swept by the OS
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private void kill() {
        for (WorkerHandle h : all) {
            h.process.destroyForcibly();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
