package dev.shmkit.pool.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts connections on the control socket and admits workers. Each connection's hello is read
 * off the accept thread, under a deadline kept by the reading thread itself (a selector with a
 * timeout, not a close from another thread), so a silent client blocks nothing; it is admitted only
 * if the peer runs as this user (SO_PEERCRED), presents the pool's secret token and names a
 * worker this pool started that has not connected yet. Anything else is closed.
 */
final class Handshake implements AutoCloseable {
    /** A client that has not sent its hello by then is dropped (workers send it right after connecting). */
    static final long HELLO_TIMEOUT_MS = 10_000;
    /**
     * Whether the JDK module with SO_PEERCRED is in this JVM: the jshell tool's JVM, for one, boots
     * without it. Without it the 0700 directory and the token still keep other users out.
     */
    private static final boolean PEER_CREDENTIALS = ModuleLayer.boot().findModule("jdk.net").isPresent();
    /** A hello is a few ids and a 64-character token; anything longer is not a worker. */
    private static final int MAX_HELLO = 512;

    /** Admits a checked worker; false refuses it (unknown, already connected, pool closing). */
    interface Admit {
        boolean admit(int workerId, FrameChannel channel);
    }

    private final ServerSocketChannel server;
    private final byte[] token;
    private final Admit admit;
    private final Set<Integer> expected = ConcurrentHashMap.newKeySet();
    private final ExecutorService hellos;
    private final AtomicInteger refused = new AtomicInteger();
    /** Why the last connection was refused, for the message of a worker that never connected. */
    private volatile String lastRefusal;
    private final String owner;
    private volatile boolean closed;

    Handshake(ServerSocketChannel server, String token, Admit admit) {
        this.server = server;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.admit = admit;
        this.hellos = Executors.newCachedThreadPool(r -> daemon(r, "shmkit-pool-hello"));
        String me;
        try {
            Path socket = Path.of(server.getLocalAddress().toString());
            me = Files.getOwner(socket).getName();
        } catch (IOException | RuntimeException e) {
            me = System.getProperty("user.name");
        }
        this.owner = me;
    }

    void start() {
        daemon(this::acceptLoop, "shmkit-pool-accept").start();
    }

    void expect(int id) {
        expected.add(id);
    }

    void forget(int id) {
        expected.remove(id);
    }

    /** Connections refused so far (tests). */
    int refused() {
        return refused.get();
    }

    /** Why the last connection was refused, or null. */
    String lastRefusal() {
        return lastRefusal;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel sc;
            try {
                sc = server.accept();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                hellos.execute(() -> greet(sc));
            } catch (RuntimeException e) {
                closeQuietly(sc);
            }
        }
    }

    private void greet(SocketChannel sc) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HELLO_TIMEOUT_MS);
        String why = "closed before its hello";
        boolean ok = false;
        try {
            if (PEER_CREDENTIALS) {
                String user = PeerUser.of(sc);
                if (!owner.equals(user)) {
                    why = "peer user=" + user + " is not the pool's user=" + owner;
                    return;
                }
            }
            Frame hello;
            try (Selector selector = Selector.open()) {
                sc.configureBlocking(false);
                sc.register(selector, SelectionKey.OP_READ);
                ByteBuffer len = read(sc, selector, ByteBuffer.allocate(Frame.LENGTH_BYTES), deadline);
                int n = len.getInt(0);
                if (n < 1 || n > MAX_HELLO) {
                    why = "hello length=" + n + " outside [1, " + MAX_HELLO + "]";
                    return;
                }
                ByteBuffer body = read(sc, selector, ByteBuffer.allocate(n), deadline);
                if (body.get() != Frame.HELLO) {
                    why = "first frame is not a hello";
                    return;
                }
                hello = new Frame(Frame.HELLO, body);
            }
            sc.configureBlocking(true);  // the selector is closed, so the channel is deregistered
            int id = hello.getInt();
            hello.getLong();  // the worker's pid, for the record
            byte[] presented = hello.getBytes();
            if (presented == null || !MessageDigest.isEqual(presented, token)) {
                why = "hello of worker " + id + " has a wrong token";
                return;
            }
            if (!expected.remove(id)) {
                why = "hello names worker " + id + ", which this pool does not expect (already connected or unknown)";
                return;
            }
            ok = admit.admit(id, new FrameChannel(sc));
            why = "worker " + id + " was not admitted (pool closing or worker gone)";
        } catch (HelloTimeout e) {
            why = "no hello within the " + HELLO_TIMEOUT_MS + " ms deadline (" + e.getMessage() + ")";
        } catch (IOException | RuntimeException | LinkageError e) {
            why = "hello failed: " + e;  // a client that breaks off its hello is dropped like one that lies
        } finally {
            if (!ok) {
                lastRefusal = why;
                refused.incrementAndGet();
                closeQuietly(sc);
            }
        }
    }

    /** A client that did not finish its hello in time. */
    private static final class HelloTimeout extends IOException {
        HelloTimeout(String message) {
            super(message);
        }
    }

    /** Reads SO_PEERCRED; only loaded when the {@code jdk.net} module is present. */
    private static final class PeerUser {
        static String of(SocketChannel sc) throws IOException {
            jdk.net.UnixDomainPrincipal p = sc.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return p == null ? null : p.user().getName();
        }
    }

    /** Fills {@code b} from a non-blocking channel, waiting on its selector until {@code deadline} (nanoTime). */
    private static ByteBuffer read(SocketChannel sc, Selector selector, ByteBuffer b, long deadline) throws IOException {
        while (b.hasRemaining()) {
            int n = sc.read(b);
            if (n < 0) {
                throw new EOFException("closed during hello");
            }
            if (n == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HelloTimeout(b.position() + " of " + b.capacity() + " bytes read");
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                selector.selectedKeys().clear();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("pool closing during hello");  // close() interrupts
                }
            }
        }
        return b.flip();
    }

    private static void closeQuietly(SocketChannel sc) {
        try {
            sc.close();
        } catch (IOException ignored) {
            // dropping a client
        }
    }

    @Override
    public void close() {
        closed = true;
        hellos.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
