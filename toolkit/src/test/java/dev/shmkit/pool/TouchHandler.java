package dev.shmkit.pool;

import dev.shmkit.job.TaskContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test handler of {@link BroadcastIT}: creates {@code <payload dir>/<worker pid>} and answers the pid. */
public final class TouchHandler implements WorkerMessageHandler {
    @Override
    public String kind() {
        return "test.touch";
    }

    @Override
    public byte[] handle(byte[] payload, TaskContext context) throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Files.createFile(Path.of(new String(payload, StandardCharsets.UTF_8)).resolve(pid));
        return pid.getBytes(StandardCharsets.UTF_8);
    }
}
