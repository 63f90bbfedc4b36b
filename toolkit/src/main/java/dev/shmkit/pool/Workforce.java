package dev.shmkit.pool;

import dev.shmkit.ShmkitException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The scheduler's workers and the decisions about them: starting and waiting (start, resize up),
 * retiring (resize down, idle first), and replacing the dead — a replacement that dies before it
 * connects is replaced again up to {@link #MAX_FAILED_STARTS} times in a row; then the pool stops
 * replacing and says why ({@link #broken()}), so a pool never claims workers it does not have.
 * Every method is called with the scheduler's lock held (it is {@code lock}).
 */
final class Workforce {
    /** Replacements that die before connecting, in a row, before the pool stops replacing and fails waiting jobs. */
    static final int MAX_FAILED_STARTS = 3;
    /** Set on the thread that spawns workers it will wait for (start, resize): their early death is its error. */
    private static final ThreadLocal<Boolean> AWAITED = ThreadLocal.withInitial(() -> false);

    private final Backend backend;
    private final Object lock;
    private final Executor async;
    /** Fails every waiting job with the given cause (called with the lock held). */
    private final java.util.function.Consumer<String> failJobs;
    final Map<Integer, Slot> slots = new LinkedHashMap<>();
    /** Why workers that a start or resize waits for died, by id, until the waiter reads it. */
    private final Map<Integer, String> startDeaths = new LinkedHashMap<>();
    private int target;
    private int failedStarts;
    private String broken;

    Workforce(Backend backend, Object lock, Executor async, java.util.function.Consumer<String> failJobs, int target) {
        this.backend = backend;
        this.lock = lock;
        this.async = async;
        this.failJobs = failJobs;
        this.target = target;
    }

    int target() {
        return target;
    }

    /** Why the pool has no worker and starts none (replacements kept dying), or null. */
    String broken() {
        return broken;
    }

    /** Starts {@code n} workers and waits (releasing the lock) until all are connected; {@code whileWaiting} runs meanwhile. */
    void spawnAndWait(int n, Runnable whileWaiting, long timeoutMs) throws InterruptedException {
        List<Integer> ids;
        AWAITED.set(true);
        try {
            ids = backend.spawn(n);
        } finally {
            AWAITED.set(false);
        }
        whileWaiting.run();
        boolean ok;
        synchronized (lock) {
            long end = System.currentTimeMillis() + timeoutMs;
            while (!ids.stream().allMatch(id -> slots.get(id) == null || slots.get(id).state != WorkerState.STARTING)) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                lock.wait(left);
            }
            ok = ids.stream().allMatch(id -> slots.get(id) == null || slots.get(id).state != WorkerState.STARTING);
            for (int id : ids) {
                Slot s = slots.get(id);
                if (s == null || !s.connected()) {
                    backend.kill(id, "did not start");
                    throw new ShmkitException("worker " + id + " (pid " + backend.pid(id) + ") did not start: "
                            + (ok ? startDeaths.getOrDefault(id, "exited") : "not ready after " + timeoutMs + " ms")
                            + " (its output is above, prefixed [w" + id + "])");
                }
            }
            ids.forEach(startDeaths::remove);
            broken = null;
        }
    }

    void spawned(int worker, long pid) {
        Slot s = new Slot(worker, pid);
        s.replacement = !AWAITED.get();
        slots.put(worker, s);
    }

    /** True if {@code worker} just became ready. */
    boolean connected(int worker) {
        Slot s = slots.get(worker);
        if (s == null || s.state != WorkerState.STARTING) {
            return false;
        }
        s.state = WorkerState.IDLE;
        failedStarts = 0;
        broken = null;
        return true;
    }

    /** Live workers not retiring. */
    int live() {
        return (int) slots.values().stream().filter(s -> s.state != WorkerState.DEAD && !s.retiring).count();
    }

    /** Sets the target; returns how many workers to start (positive) or retire (negative). */
    int retarget(int n) {
        target = n;
        return n - live();
    }

    /** Marks {@code n} workers (idle first) for retirement. */
    void retire(int n) {
        List<Slot> live = new ArrayList<>(slots.values());
        live.removeIf(s -> s.retiring || s.state == WorkerState.DEAD);
        live.sort((a, b) -> Integer.compare(a.inFlight.size(), b.inFlight.size()));
        for (int i = 0; i < n && i < live.size(); i++) {
            Slot s = live.get(i);
            s.retiring = true;
            s.state = WorkerState.RETIRING;
            if (s.inFlight.isEmpty()) {
                backend.retire(s.id);
            }
        }
    }

    /**
     * Books the death of {@code s} (already marked DEAD) and decides about a replacement; returns
     * why the pool is now broken (the caller fails waiting jobs), or null.
     */
    String died(Slot s, boolean wasConnected, int exitCode, String why, boolean closed) {
        slots.remove(s.id);
        if (!wasConnected && !s.replacement) {
            startDeaths.put(s.id, "exited with code=" + exitCode + ": " + why);
        }
        if (closed || s.retiring) {
            return null;
        }
        if (wasConnected || (s.replacement && ++failedStarts < MAX_FAILED_STARTS)) {
            replaceLater();
            return null;
        }
        if (!s.replacement) {
            return null;  // a start or resize waits for it and reports its death
        }
        target = live();
        if (target > 0) {
            return null;
        }
        broken = "every worker died and " + MAX_FAILED_STARTS + " replacements in a row died before connecting (last:"
                + " worker " + s.id + " pid " + s.pid + ", exit=" + exitCode + ": " + why + "); see the [w<id>] output,"
                + " fix the cause and call resize(n) to start workers again";
        return broken;
    }

    private void replaceLater() {
        async.execute(() -> {
            try {
                backend.spawn(1);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    target = live();
                    if (target == 0) {
                        broken = "starting a replacement worker failed: " + e.getMessage();
                        failJobs.accept(broken);
                    }
                }
            }
        });
    }
}
