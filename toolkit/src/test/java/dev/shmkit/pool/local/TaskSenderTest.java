package dev.shmkit.pool.local;

import dev.shmkit.job.JobOptions;
import dev.shmkit.pool.JobSpec;
import dev.shmkit.pool.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskSenderTest {
    private static Map<String, byte[]> classes(String... names) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, new byte[] {1, 2, 3});
        }
        return m;
    }

    /** Names of the classes in the next JOB frame, skipping the TASK frame after it. */
    private static List<String> pushed(FrameChannel in) throws Exception {
        Frame job = in.read();
        assertEquals(Frame.JOB, job.type);
        job.getLong();
        job.getLong();
        job.getLong();  // result segment threshold
        job.getBytes();
        job.getBytes();
        List<String> names = new ArrayList<>();
        for (int i = job.getInt(); i > 0; i--) {
            names.add(job.getString());
            job.getBytes();
        }
        assertEquals(Frame.TASK, in.read().type);
        return names;
    }

    @Test
    void shouldNeverSendAWorkerTheSameClassTwiceInASession(@TempDir Path dir) throws Exception {
        UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(dir.resolve("s"));
        Process p = new ProcessBuilder("true").start();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(addr);
            FrameChannel out = new FrameChannel(SocketChannel.open(addr));
            FrameChannel in = new FrameChannel(server.accept());
            WorkerHandle w = new WorkerHandle(1, p);
            w.attach(out, null);
            TaskSender sender = new TaskSender();
            ClassLoader l = getClass().getClassLoader();
            byte[] runner = {0};
            sender.send(w, new JobSpec(1, JobOptions.defaults(), l, 7, runner, null, classes("REPL.A", "REPL.B")),
                    List.of(new TaskSpec(10, "t", 1)));
            assertEquals(List.of("REPL.A", "REPL.B"), pushed(in));
            sender.send(w, new JobSpec(2, JobOptions.defaults(), l, 7, runner, null, classes("REPL.A", "REPL.B", "REPL.C")),
                    List.of(new TaskSpec(11, "t", 1)));
            assertEquals(List.of("REPL.C"), pushed(in), "same session: only the class the worker lacks");
            sender.send(w, new JobSpec(3, JobOptions.defaults(), l, 8, runner, null, classes("REPL.A")),
                    List.of(new TaskSpec(12, "t", 1)));
            assertEquals(List.of("REPL.A"), pushed(in), "a new session has a fresh loader: sent again");
            out.close();
            in.close();
        } finally {
            p.waitFor();
        }
    }
}
