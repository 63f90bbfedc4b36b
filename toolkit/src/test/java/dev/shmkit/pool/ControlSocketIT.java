package dev.shmkit.pool;

import dev.shmkit.space.SpaceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control socket: where it lives, who it admits, and that a silent client blocks nothing. */
class ControlSocketIT {
    private static final Path POOLS = SpaceOptions.baseDirectory().resolve(".pools");
    private static final String TOKEN_ENV = "SHMKIT_POOL_TOKEN";
    private static final byte HELLO = 10;

    private static Set<Path> poolDirs() throws IOException {
        if (!Files.isDirectory(POOLS)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(POOLS)) {
            return new HashSet<>(s.toList());
        }
    }

    /** True if the pool closed the connection (EOF) within the handshake deadline and some margin. */
    private static boolean closedByPool(SocketChannel sc) throws IOException {
        long end = System.currentTimeMillis() + 15_000;
        sc.configureBlocking(false);
        ByteBuffer b = ByteBuffer.allocate(64);
        while (System.currentTimeMillis() < end) {
            int n = sc.read(b);
            if (n < 0) {
                return true;
            }
            b.clear();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void hello(SocketChannel sc, int id, String token) throws IOException {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + 8 + 4 + t.length);
        b.putInt(1 + 4 + 8 + 4 + t.length).put(HELLO).putInt(id).putLong(ProcessHandle.current().pid()).putInt(t.length).put(t);
        b.flip();
        while (b.hasRemaining()) {
            sc.write(b);
        }
    }

    private static String tokenOf(long pid) throws IOException {
        for (String kv : new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8)
                .split("\0")) {
            if (kv.startsWith(TOKEN_ENV + "=")) {
                return kv.substring(TOKEN_ENV.length() + 1);
            }
        }
        throw new AssertionError("worker pid=" + pid + " has no " + TOKEN_ENV);
    }

    @Test
    @Timeout(120)
    void shouldLiveUnderTheSpaceBaseAdmitOnlyItsOwnWorkersAndNotWaitForSilentClients() throws Exception {
        Path stale = POOLS.resolve(deadPid() + ".1");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("control.sock"), "left by a killed parent");
        Set<Path> before = poolDirs();
        Path mine;
        try (WorkerPool pool = WorkerPool.start(1)) {
            assertFalse(Files.exists(stale), "a dead pid's pool directory is removed when a pool starts");
            Set<Path> after = poolDirs();
            after.removeAll(before);
            assertEquals(1, after.size(), "one new pool directory: " + after);
            mine = after.iterator().next();
            assertTrue(mine.getFileName().toString().startsWith(ProcessHandle.current().pid() + "."));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)));
            Path socket = mine.resolve("control.sock");
            assertTrue(Files.exists(socket));

            try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel halfway = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel liar = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel twin = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                pool.resize(2);  // a new worker connects while the silent client holds its connection
                assertEquals(2, pool.workers().size());
                WorkerInfo first = pool.workers().get(0);
                halfway.write(ByteBuffer.wrap(new byte[] {0, 0}));  // two bytes of a length, then nothing
                hello(liar, 99, "not-the-token");
                hello(twin, first.id(), tokenOf(first.pid()));  // right token, id of a connected worker
                assertTrue(closedByPool(liar), "a hello with a wrong token is refused");
                assertTrue(closedByPool(twin), "a hello naming a connected worker is refused");
                assertTrue(closedByPool(silent), "a client that says nothing is dropped after the deadline");
                assertTrue(closedByPool(halfway), "a client that stops half-way through its hello is dropped");
            }
            assertEquals(List.of(1, 4, 9), pool.mapItems(List.of(1, 2, 3), x -> x * x).values());
        }
        assertFalse(Files.exists(mine), "the pool directory is removed on close");
    }

    @Test
    @Timeout(60)
    void shouldEndAWaitingHelloWhenThePoolCloses() throws Exception {
        SocketChannel silent;
        try (WorkerPool pool = WorkerPool.start(1)) {
            Path socket = poolDirs().stream()
                    .filter(d -> d.getFileName().toString().startsWith(ProcessHandle.current().pid() + "."))
                    .map(d -> d.resolve("control.sock")).filter(Files::exists).findFirst().orElseThrow();
            silent = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            waitUntil(() -> helloThreads() > 0, 5_000);
            assertEquals(1, helloThreads(), "the silent client's hello is being waited for");
        }
        try (silent) {
            waitUntil(() -> helloThreads() == 0, 3_000);  // well before the 10 s hello deadline
            assertEquals(0, helloThreads(), "closing the pool ends the wait for a hello at once");
            assertTrue(closedByPool(silent), "and drops the client");
        }
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code millis} have passed (the caller asserts). */
    private static void waitUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }

    /** Threads of this JVM's pools that are waiting for, or checking, a hello right now. */
    private static long helloThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("shmkit-pool-hello") && t.isAlive()
                        && Stream.of(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("greet")))
                .count();
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
