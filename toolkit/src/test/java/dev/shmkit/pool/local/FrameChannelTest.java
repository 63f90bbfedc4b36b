package dev.shmkit.pool.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameChannelTest {
    @Test
    void shouldCarryBatchedSmallAndLargeFrames(@TempDir Path dir) throws Exception {
        UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(addr);
            SocketChannel client = SocketChannel.open(addr);
            SocketChannel accepted = server.accept();
            FrameChannel out = new FrameChannel(client);
            FrameChannel in = new FrameChannel(accepted);
            byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            Thread writer = new Thread(() -> {
                try {
                    FrameBuilder b = new FrameBuilder();
                    b.begin(Frame.TASK).putLong(7).putLong(-1).putString("héllo").putBytes(null).end();
                    b.begin(Frame.RESULT).putInt(42).putByte((byte) 3).end();
                    out.write(b);
                    out.write(b.begin(Frame.JOB).putBytes(big).end());
                    out.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            Frame f1 = in.read();
            assertEquals(Frame.TASK, f1.type);
            assertEquals(7, f1.getLong());
            assertEquals(-1, f1.getLong());
            assertEquals("héllo", f1.getString());
            assertNull(f1.getBytes());
            Frame f2 = in.read();
            assertEquals(Frame.RESULT, f2.type);
            assertEquals(42, f2.getInt());
            assertEquals(3, f2.getByte());
            Frame f3 = in.read();
            assertEquals(Frame.JOB, f3.type);
            assertArrayEquals(big, f3.getBytes());
            assertThrows(EOFException.class, in::read);
            writer.join();
            in.close();
        }
    }
}
