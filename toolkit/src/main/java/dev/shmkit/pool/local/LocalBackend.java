package dev.shmkit.pool.local;

import dev.shmkit.ShmkitException;
import dev.shmkit.pool.Backend;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.pool.PoolOptions;
import dev.shmkit.pool.TaskSpec;
import dev.shmkit.ship.ClassServer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local backend: worker JVMs on this machine, each connected to the pool's control socket
 * (under the space base directory, see {@link ControlDirectory}). Accepts and checks each
 * worker's hello ({@link Handshake}), spawns, kills and stops the processes, and reports outcomes
 * to the scheduler's sink. Frame I/O per worker lives in {@link WorkerConnection}.
 */
public final class LocalBackend implements Backend {
    /** Time a worker gets to exit after SHUTDOWN before it is killed. */
    private static final long EXIT_GRACE_MS = 2_000;
    /** A broadcast not answered by every worker by then fails. */
    private static final long BROADCAST_TIMEOUT_MS = 30_000;
    /** Random bytes of the token workers must present in their hello. */
    private static final int TOKEN_BYTES = 32;

    private final ControlDirectory dir;
    private final ServerSocketChannel server;
    private final WorkerLauncher launcher;
    private final ClassServer classes;
    private final TaskSender sender = new TaskSender();
    private final ResultReader results;
    private final Map<Integer, WorkerHandle> all = new ConcurrentHashMap<>();
    private final Map<Integer, WorkerConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Handshake handshake;
    private final Thread shutdownHook;
    private volatile Sink sink;
    private volatile boolean closed;
    /** The making of the workers' class-data-sharing archive, once started (see {@link WorkerArchive}); one at a time. */
    private volatile CompletableFuture<Path> archiveMade = CompletableFuture.completedFuture(null);

    LocalBackend(PoolOptions options, ClassServer classes, Path base) {
        this.classes = classes;
        this.dir = base == null ? ControlDirectory.create() : ControlDirectory.create(base);
        sender.fallbackReceiveDirectory(dir.directory());
        this.results = new ResultReader(dir.results());
        String token = HexFormat.of().formatHex(random());
        try {
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.socket()));
        } catch (IOException e) {
            dir.close();
            throw new ShmkitException("worker pool: binding the control socket=" + dir.socket() + " failed: " + e, e);
        }
        this.launcher = new WorkerLauncher(options, dir.socket(), token);
        this.handshake = new Handshake(server, token, this::connect);
        this.shutdownHook = new Thread(this::kill, "shmkit-pool-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static byte[] random() {
        byte[] b = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The control socket (tests). */
    public Path socket() {
        return dir.socket();
    }

    /** Requests workers made for classes their job did not push (tests: 0 for a job whose classes were pushed). */
    public long classRequests() {
        return classes.lookups();
    }

    @Override
    public void start(Sink s) {
        this.sink = s;
        handshake.start();
    }

    @Override
    public List<Integer> spawn(int n) {
        if (closed) {
            throw new ShmkitException("worker pool is closed: no worker started");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = nextId.incrementAndGet();
            WorkerHandle h = new WorkerHandle(id, launcher.launch(id));
            all.put(id, h);
            handshake.expect(id);
            sink.spawned(id, h.pid);
            ids.add(id);
            h.process.onExit().thenRun(() -> died(h));
        }
        if (archiveMade.isDone()) {
            archiveMade = launcher.makeArchiveIfMissing();
        }
        return ids;
    }

    private void died(WorkerHandle h) {
        WorkerConnection c = connections.remove(h.id);
        if (c != null) {
            c.joinReader(1000);
            c.failed(new IOException("worker exited with code=" + h.process.exitValue()));
        }
        handshake.forget(h.id);
        h.stopStreamer();
        ResultFiles.removeOwnedBy(dir.results(), h.pid); // written but never replied: its reply died with it
        all.remove(h.id);
        int code = h.process.exitValue();
        String cause = Causes.of(code, h.killReason);
        String refusal = handshake.lastRefusal();
        if (!h.connected && refusal != null) {
            cause += "; the control socket last refused a connection: " + refusal;
        }
        sink.death(h.id, code, cause);
    }

    /** Called by the handshake with a checked hello: attaches the channel and tells the scheduler. */
    private boolean connect(int id, FrameChannel ch) {
        WorkerHandle h = all.get(id);
        if (h == null || closed || h.connected) {
            return false;
        }
        h.connected = true;
        WorkerConnection c = new WorkerConnection(h, ch, classes, sink, results);
        connections.put(id, c);
        c.start();
        sink.connected(id);
        return true;
    }

    @Override
    public void retire(int worker) {
        WorkerConnection c = connections.get(worker);
        if (c == null) {
            WorkerHandle h = all.get(worker);
            if (h != null) {
                h.process.destroy();
            }
            return;
        }
        c.send(new FrameBuilder().begin(Frame.SHUTDOWN).end());
    }

    @Override
    public void kill(int worker, String reason) {
        WorkerHandle h = all.get(worker);
        if (h != null) {
            h.killReason = reason;
            h.process.destroyForcibly();
        }
    }

    @Override
    public List<Integer> live() {
        List<Integer> ids = new ArrayList<>(connections.keySet());
        ids.sort(null);
        return ids;
    }

    @Override
    public long pid(int worker) {
        WorkerHandle h = all.get(worker);
        return h == null ? -1 : h.pid;
    }

    @Override
    public List<Shipped> submit(int worker, JobSpec job, List<TaskSpec> tasks) {
        WorkerConnection c = connections.get(worker);
        if (c == null) {
            // Disconnected: the worker is dying and its death, still to be reported, requeues these tasks.
            List<Shipped> none = new ArrayList<>();
            tasks.forEach(t -> none.add(new Shipped(0, 0)));
            return none;
        }
        try {
            return sender.send(c.handle(), job, tasks);
        } catch (IOException e) {
            // the worker is dying: its exit requeues the tasks; report what was meant to be shipped
            c.handle().out.clear();
            List<Shipped> none = new ArrayList<>();
            tasks.forEach(t -> none.add(new Shipped(0, 0)));
            return none;
        }
    }

    @Override
    public void cancel(int worker, long jobId) {
        WorkerConnection c = connections.get(worker);
        if (c != null) {
            c.handle().cancelled.add(jobId);
            c.send(new FrameBuilder().begin(Frame.CANCEL_JOB).putLong(jobId).end());
        }
    }

    @Override
    public CompletableFuture<Void> broadcast(String kind, byte[] payload) {
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (WorkerConnection c : connections.values()) {
            replies.add(c.rpc().call(kind, payload, BROADCAST_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public void addClasspath(Path entry) {
        launcher.addClasspath(entry);
        byte[] path = entry.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (WorkerConnection c : connections.values()) {
            c.rpc().call(WorkerMain.ADD_CLASSPATH, path, BROADCAST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Idempotent: asks workers to exit, kills those that do not, removes the socket directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (WorkerConnection c : connections.values()) {
            c.send(new FrameBuilder().begin(Frame.SHUTDOWN).end());
        }
        long end = System.currentTimeMillis() + EXIT_GRACE_MS;
        for (WorkerHandle h : new ArrayList<>(all.values())) {
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
        handshake.close();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a socket we are abandoning
        }
        dir.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private void kill() {
        for (WorkerHandle h : all.values()) {
            h.process.destroyForcibly();
        }
        dir.close();
    }
}
