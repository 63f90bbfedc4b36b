package dev.shmkit.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, read from the operating system ({@code /proc/PID/task/TID/schedstat},
 * nanoseconds on CPU per thread, summed). On a machine shared with other busy programs, wall time
 * measures the neighbours as much as shmkit; CPU time per task is what shmkit itself costs.
 */
final class CpuTime {
    /** Linux's USER_HZ is 100 on every architecture shmkit runs on. */
    private static final long TICK_NANOS = 10_000_000L;

    private CpuTime() {
    }

    /** Nanoseconds on CPU of every live thread of {@code pid} (threads that exited are not counted). */
    static long nanos(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    String s = Files.readString(t.resolve("schedstat")).trim();
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException | RuntimeException ignored) {
                    // the thread exited between listing and reading
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cpu time: /proc/" + pid + "/task not readable: " + e, e);
        }
        return sum;
    }

    /** Sum of {@link #nanos} over {@code pids}. */
    static long nanos(long... pids) {
        long sum = 0;
        for (long p : pids) {
            sum += nanos(p);
        }
        return sum;
    }

    /**
     * CPU time of process {@code pid} since it started, exited threads included (user + system from
     * {@code /proc/PID/stat}, in clock ticks of 10 ms): what a worker spent starting, JIT threads and all.
     */
    static long processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cpu time: /proc/" + pid + "/stat not readable: " + e, e);
        }
    }
}
