package dev.shmkit.pool;

import dev.shmkit.ShmkitException;
import dev.shmkit.job.JobCancelledException;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.ResultSegment;
import dev.shmkit.job.TaskReport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Decides which task goes to which worker and books the outcomes a {@link Backend} reports. Each
 * worker holds up to {@code inFlight} tasks, so it never waits for the parent between small tasks;
 * tasks are dealt round-robin, one per worker per round, oldest job first; a copy-mode task goes
 * to a worker holding no other one, so each worker receives one streamed table at a time. A worker
 * that dies gives its tasks back: the one it was running is charged an attempt, the others are
 * requeued free; {@link Workforce} decides about replacing it. Timeouts and failures are decisions taken
 * here and carried out by the backend (kill, cancel). No transport, no printing: what happened is
 * told to the jobs' listeners and in their reports. All state is guarded by {@code this}.
 */
final class Scheduler implements Backend.Sink {
    /** Input bytes queued at one worker beyond which it gets no more tasks. */
    private static final long MAX_IN_FLIGHT_BYTES = 64L << 20;
    /** How often timeouts are checked. */
    private static final long TIMEOUT_TICK_MS = 20;

    private final Backend backend;
    private final int inFlight;
    private final LinkedHashSet<JobRun> jobs = new LinkedHashSet<>();
    private final ScheduledExecutorService timer;
    private final Workforce workforce;
    /** The workers, by id (owned by {@link #workforce}). */
    private final Map<Integer, Slot> slots;
    private boolean closed;

    Scheduler(Backend backend, int inFlight, int target) {
        this.backend = backend;
        this.inFlight = inFlight;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shmkit-pool-scheduler");
            t.setDaemon(true);
            return t;
        });
        this.workforce = new Workforce(backend, this, timer, this::failAll, target);
        this.slots = workforce.slots;
        timer.scheduleWithFixedDelay(this::checkTimeouts, TIMEOUT_TICK_MS, TIMEOUT_TICK_MS, TimeUnit.MILLISECONDS);
    }

    // ---- workers (decisions in Workforce)

    /** Starts {@code n} workers and waits until all are connected; {@code whileWaiting} runs meanwhile. */
    void spawnAndWait(int n, Runnable whileWaiting, long timeoutMs) {
        try {
            workforce.spawnAndWait(n, whileWaiting, timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShmkitException("interrupted while starting workers");
        }
    }

    @Override
    public synchronized void spawned(int worker, long pid) {
        workforce.spawned(worker, pid);
    }

    @Override
    public synchronized void connected(int worker) {
        workforce.connected(worker);
        notifyAll();
        dispatch();
    }

    synchronized List<WorkerInfo> infos() {
        List<WorkerInfo> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.state != WorkerState.DEAD) {
                out.add(s.info());
            }
        }
        return out;
    }

    synchronized int target() {
        return workforce.target();
    }

    /** Grows (waiting for the new workers) or shrinks (idle workers first) to {@code n} workers. */
    void resize(int n, long timeoutMs) {
        if (n < 1) {
            throw new IllegalArgumentException("workers=" + n + " < 1");
        }
        int change;
        synchronized (this) {
            change = workforce.retarget(n);
            if (change < 0) {
                workforce.retire(-change);
            }
        }
        if (change > 0) {
            spawnAndWait(change, () -> { }, timeoutMs);
        }
    }

    @Override
    public synchronized void death(int worker, int exitCode, String cause) {
        Slot s = slots.get(worker);
        if (s == null || s.state == WorkerState.DEAD) {
            return;
        }
        boolean wasConnected = s.connected();
        s.state = WorkerState.DEAD;
        String why = s.killReason != null ? s.killReason : cause;
        List<TaskRun> lost = new ArrayList<>(s.inFlight.values());
        s.inFlight.clear();
        s.inFlightBytes = 0;
        for (int i = lost.size() - 1; i >= 0; i--) {
            TaskRun t = lost.get(i);
            if (t.job.finished()) {
                continue;
            }
            if (i == 0) {
                t.attempts++;
                if (t.attempts > t.job.options.retries()) {
                    fail(t.job, JobFailedException.workerDied(t.job.options.name(), t.label(), worker, s.pid, exitCode,
                            t.attempts, why));
                    continue;
                }
            }
            String note = "worker " + worker + " (pid " + s.pid + ") died exit=" + exitCode + ": " + why
                    + "; task (" + t.label() + ") requeued";
            t.job.tell(l -> l.note(t.job.progress(), note));
            t.job.pending.addFirst(t);
        }
        String broken = workforce.died(s, wasConnected, exitCode, why, closed);
        if (broken != null) {
            failAll(broken);
        }
        notifyAll();
        dispatch();
    }

    // ---- jobs

    private void failAll(String cause) {
        for (JobRun j : new ArrayList<>(jobs)) {
            fail(j, new ShmkitException("job '" + j.options.name() + "' failed: " + cause));
        }
    }

    synchronized void submit(JobRun job, List<TaskRun> tasks) {
        if (closed) {
            throw new JobCancelledException("pool is closed: job '" + job.options.name() + "' not started");
        }
        if (workforce.broken() != null && slots.isEmpty()) {
            throw new ShmkitException("job '" + job.options.name() + "' not started: " + workforce.broken());
        }
        job.pending.addAll(tasks);
        jobs.add(job);
        job.tell(l -> l.started(job.progress()));
        if (tasks.isEmpty()) {
            finish(job);
        }
        dispatch();
    }

    /** Deals pending tasks to workers with room, then hands each worker its batch in one call per job. */
    private void dispatch() {
        Map<Slot, List<TaskRun>> batches = new LinkedHashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Slot s : slots.values()) {
                if (!s.open(inFlight, MAX_IN_FLIGHT_BYTES) || holdsCopy(s)) {
                    continue;
                }
                TaskRun t = nextTask(s.inFlight.isEmpty());
                if (t == null) {
                    continue;
                }
                long now = System.nanoTime();
                t.dispatchNanos = now;
                t.startNanos = s.inFlight.isEmpty() ? now : 0;
                s.inFlight.put(t.id(), t);
                s.state = WorkerState.BUSY;
                batches.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
                progress = true;
            }
        }
        for (Map.Entry<Slot, List<TaskRun>> e : batches.entrySet()) {
            send(e.getKey(), e.getValue());
        }
    }

    private static boolean holdsCopy(Slot s) {
        for (TaskRun t : s.inFlight.values()) {
            if (t.job.options.isCopyTable()) {
                return true;
            }
        }
        return false;
    }

    private void send(Slot s, List<TaskRun> batch) {
        int from = 0;
        while (from < batch.size()) {
            JobRun job = batch.get(from).job;
            int to = from;
            List<TaskSpec> specs = new ArrayList<>();
            while (to < batch.size() && batch.get(to).job == job) {
                specs.add(batch.get(to++).spec);
            }
            List<Backend.Shipped> shipped;
            try {
                shipped = backend.submit(s.id, job.spec, specs);
            } catch (RuntimeException e) {
                for (int i = from; i < to; i++) {
                    s.inFlight.remove(batch.get(i).id());
                }
                fail(job, new ShmkitException("job '" + job.options.name() + "': sending tasks to worker " + s.id
                        + " failed: " + e.getMessage(), e));
                from = to;
                continue;
            }
            for (int i = from; i < to; i++) {
                TaskRun t = batch.get(i);
                Backend.Shipped sh = shipped.get(i - from);
                t.shipNanos = sh.nanos();
                t.inputBytes = sh.bytes();
                s.inFlightBytes += sh.bytes();
            }
            from = to;
        }
    }

    /** The oldest job's next task; a copy-mode task only for a worker with nothing queued. */
    private TaskRun nextTask(boolean idle) {
        for (JobRun j : jobs) {
            if (j.options.isCopyTable() && !idle) {
                continue;
            }
            TaskRun t = j.pending.poll();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    @Override
    public void result(int worker, long taskId, Object value, TaskStats st) {
        synchronized (this) {
            Slot s = slots.get(worker);
            TaskRun t = s == null ? null : s.inFlight.get(taskId);
            if (t == null || !completed(s, taskId)) {
                ResultSegment.closeAll(value instanceof ResultSegment r ? r : null);
                return;  // a task of a cancelled job
            }
            JobRun job = t.job;
            if (job.finished()) {
                ResultSegment.closeAll(value instanceof ResultSegment r ? r : null);
            } else {
                job.take(t.index, value);
                job.reports[t.index] = new TaskReport(t.index, t.label(), worker, t.attempts + 1,
                        t.dispatchNanos - job.submitNanos, t.shipNanos, st.deserializeNanos(), st.attachNanos(),
                        st.runNanos(), st.resultNanos(), t.inputBytes + st.bytesCopied(),
                        st.bytesMapped() + st.resultSegmentBytes(), st.resultBytes(), st.resultSegmentBytes(),
                        st.proxyRequests(), st.proxyBytes(), st.proxyWaitNanos());
                if (--job.remaining == 0) {
                    finish(job);
                } else {
                    job.tell(l -> l.progress(job.progress()));
                }
            }
            dispatch();
        }
    }

    @Override
    public synchronized void error(int worker, long taskId, String errorClass, String message, String trace) {
        Slot s = slots.get(worker);
        TaskRun t = s == null ? null : s.inFlight.get(taskId);
        if (t == null || !completed(s, taskId)) {
            return;
        }
        fail(t.job, JobFailedException.remote(t.job.options.name(), t.label(), worker, s.pid, errorClass, message, trace));
        dispatch();
    }

    /** Removes a finished task from its worker; the next one starts its timeout clock now. */
    private boolean completed(Slot s, long taskId) {
        TaskRun done = s.inFlight.remove(taskId);
        if (done == null) {
            return false;
        }
        s.inFlightBytes -= done.inputBytes;
        s.tasksDone++;
        Iterator<TaskRun> it = s.inFlight.values().iterator();
        if (it.hasNext()) {
            it.next().startNanos = System.nanoTime();
        } else if (s.state == WorkerState.BUSY) {
            s.state = WorkerState.IDLE;
        }
        if (s.retiring && s.inFlight.isEmpty()) {
            backend.retire(s.id);
        }
        return true;
    }

    private void finish(JobRun job) {
        jobs.remove(job);
        var report = job.report();
        job.tell(l -> l.progress(job.progress()));
        job.tell(l -> l.ended(job.progress(), report, null));
        job.done.complete(job);
    }

    /** Fails {@code job}: drops its pending tasks and cancels its tasks in flight on every worker. */
    private void fail(JobRun job, RuntimeException e) {
        if (job.finished()) {
            return;
        }
        job.pending.clear();
        jobs.remove(job);
        for (Slot s : slots.values()) {
            boolean had = s.inFlight.values().removeIf(t -> t.job == job);
            if (!had) {
                continue;
            }
            s.inFlightBytes = s.inFlight.values().stream().mapToLong(t -> t.inputBytes).sum();
            if (s.connected()) {
                backend.cancel(s.id, job.id());
            }
            TaskRun head = s.inFlight.values().stream().findFirst().orElse(null);
            if (head != null) {
                head.startNanos = System.nanoTime();
            } else if (s.state == WorkerState.BUSY) {
                s.state = WorkerState.IDLE;
            }
            if (s.retiring && s.inFlight.isEmpty()) {
                backend.retire(s.id);
            }
        }
        job.closeSegments();
        job.tell(l -> l.ended(job.progress(), null, e));
        job.done.completeExceptionally(e);
    }

    /** Cancels {@code job}: drops its pending tasks, tells its workers to drop and interrupt the rest. */
    synchronized void cancel(JobRun job, String why) {
        fail(job, new JobCancelledException("job '" + job.options.name() + "' cancelled: " + why));
        dispatch();
    }

    /** Kills workers whose head task has run longer than its job's timeout. */
    synchronized void checkTimeouts() {
        long now = System.nanoTime();
        for (Slot s : slots.values()) {
            Iterator<TaskRun> it = s.inFlight.values().iterator();
            if (!it.hasNext() || s.killReason != null) {
                continue;
            }
            TaskRun head = it.next();
            if (head.job.options.timeout() != null && head.startNanos != 0
                    && now - head.startNanos > head.job.options.timeout().toNanos()) {
                s.killReason = "the task (" + head.label() + ") exceeded timeout=" + head.job.options.timeout()
                        + "; the worker was killed";
                backend.kill(s.id, s.killReason);
            }
        }
    }

    /** Stops accepting jobs, cancels running ones, stops the timer. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (JobRun j : new ArrayList<>(jobs)) {
            fail(j, new JobCancelledException("job '" + j.options.name() + "' cancelled: the pool was closed"));
        }
        timer.shutdownNow();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
