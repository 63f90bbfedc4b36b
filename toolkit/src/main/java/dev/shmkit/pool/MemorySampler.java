package dev.shmkit.pool;

import dev.shmkit.job.WorkerMemory;
import dev.shmkit.segment.ProcessMemory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples the workers' physical memory from the parent while one job runs ({@link ProcessMemory},
 * {@code /proc/PID/smaps_rollup}) and keeps each worker's peaks: no message to the workers, so it
 * works with a worker busy in user code. A daemon thread; {@link #stop()} takes a last sample.
 */
final class MemorySampler {
    /** Often enough to see a task's copy of a table, rarely enough to cost nothing next to the job (a read walks page tables). */
    private static final long PERIOD_MS = 50;

    private final Supplier<List<WorkerInfo>> workers;
    private final Map<Long, long[]> peaks = new LinkedHashMap<>();
    private final Map<Long, Integer> ids = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private MemorySampler(Supplier<List<WorkerInfo>> workers) {
        this.workers = workers;
        this.thread = new Thread(this::loop, "shmkit-memory-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling the workers {@code workers} lists (read at each sample: replacements are seen). */
    static MemorySampler start(Supplier<List<WorkerInfo>> workers) {
        MemorySampler s = new MemorySampler(workers);
        s.sample();
        s.thread.start();
        return s;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /**
     * One sample. The worker list is read and /proc is read without this sampler's monitor: the job's
     * end calls {@link #stop()} on the scheduler's thread, holding the scheduler's monitor, which
     * {@code workers} takes too; holding ours while waiting for it deadlocked a job's end (a copy-mode
     * notebook cell hung in CI).
     */
    private void sample() {
        List<WorkerInfo> list = workers.get();
        List<ProcessMemory> readings = new ArrayList<>(list.size());
        for (WorkerInfo w : list) {
            readings.add(ProcessMemory.of(w.pid()));
        }
        synchronized (this) {
            for (int i = 0; i < list.size(); i++) {
                ProcessMemory m = readings.get(i);
                if (m == null) {
                    continue;
                }
                WorkerInfo w = list.get(i);
                ids.put(w.pid(), w.id());
                long[] p = peaks.computeIfAbsent(w.pid(), k -> new long[3]);
                p[0] = Math.max(p[0], m.shmemBytes());
                p[1] = Math.max(p[1], m.anonBytes());
                p[2]++;
            }
        }
    }

    /** Takes a last sample, stops, and returns each worker's peaks in the order they were first seen. */
    List<WorkerMemory> stop() {
        running = false;
        thread.interrupt();
        sample();
        List<WorkerMemory> out = new ArrayList<>();
        synchronized (this) {
            peaks.forEach((pid, p) -> out.add(new WorkerMemory(ids.get(pid), pid, p[0], p[1], (int) p[2])));
        }
        return out;
    }
}
