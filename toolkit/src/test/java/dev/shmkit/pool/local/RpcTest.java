package dev.shmkit.pool.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class RpcTest {
    private FrameChannel a;
    private FrameChannel b;
    private Rpc left;
    private Rpc right;

    @BeforeEach
    void connect(@TempDir Path dir) throws IOException {
        UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(addr);
            a = new FrameChannel(SocketChannel.open(addr));
            b = new FrameChannel(server.accept());
        }
        left = new Rpc(a, "left");
        right = new Rpc(b, "right");
        read(a, left);
        read(b, right);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static void read(FrameChannel ch, Rpc rpc) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    rpc.onFrame(ch.read());
                }
            } catch (IOException | RuntimeException e) {
                rpc.fail(e);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswerSeveralOutstandingRequestsOutOfOrderInBothDirections() throws Exception {
        List<CompletableFuture<byte[]>> held = new ArrayList<>();
        right.handle("slow", p -> {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            synchronized (held) {
                held.add(f);
                held.notifyAll();
            }
            return f.thenApply(x -> p);
        });
        left.handle("echo", p -> CompletableFuture.completedFuture(p));
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(left.call("slow", utf8("r" + i), 10, TimeUnit.SECONDS));
        }
        synchronized (held) {
            while (held.size() < 3) {
                held.wait();
            }
        }
        assertEquals(3, left.outstanding());
        assertArrayEquals(utf8("back"), right.call("echo", utf8("back"), 10, TimeUnit.SECONDS).get(),
                "the other side asks while its own answers are pending");
        for (int i = 2; i >= 0; i--) {
            held.get(i).complete(null);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(utf8("r" + i), calls.get(i).get());
        }
        assertEquals(0, left.outstanding());
    }

    @Test
    void shouldFailUnknownKindsAndHandlerErrorsWithTheReason() {
        right.handle("boom", p -> {
            throw new IllegalStateException("handler broke");
        });
        ExecutionException unknown = assertThrows(ExecutionException.class,
                () -> left.call("nope", new byte[0], 10, TimeUnit.SECONDS).get());
        assertInstanceOf(Rpc.RemoteException.class, unknown.getCause());
        assertEquals(Rpc.NOT_FOUND, ((Rpc.RemoteException) unknown.getCause()).status);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> left.call("boom", new byte[0], 10, TimeUnit.SECONDS).get());
        assertTrue(failed.getCause().getMessage().contains("handler broke"), failed.getCause().getMessage());
    }

    @Test
    void shouldTimeOutARequestNobodyAnswers() {
        right.handle("never", p -> new CompletableFuture<>());
        long t0 = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> left.call("never", new byte[0], 200, TimeUnit.MILLISECONDS).get());
        assertTrue(e.getCause().getMessage().contains("no reply within 200 ms"), e.getCause().getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertEquals(0, left.outstanding());
    }

    @Test
    void shouldFailEveryOutstandingRequestWhenTheChannelFails() throws Exception {
        right.handle("never", p -> new CompletableFuture<>());
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(left.call("never", new byte[0], 30, TimeUnit.SECONDS));
        }
        while (left.outstanding() < 4) {
            Thread.sleep(5);
        }
        b.close();  // the peer goes away: left's reader sees EOF
        for (CompletableFuture<byte[]> c : calls) {
            ExecutionException e = assertThrows(ExecutionException.class, c::get);
            assertTrue(e.getCause().getMessage().contains("control channel failed"), e.getCause().getMessage());
        }
        ExecutionException later = assertThrows(ExecutionException.class,
                () -> left.call("never", new byte[0], 30, TimeUnit.SECONDS).get());
        assertTrue(later.getCause().getMessage().contains("control channel failed"));
    }
}
