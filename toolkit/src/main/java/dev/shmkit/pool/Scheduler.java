package dev.shmkit.pool;

import com.esotericsoftware.kryo.io.Input;
import dev.shmkit.job.JobCancelledException;
import dev.shmkit.job.JobFailedException;
import dev.shmkit.job.JobReport;
import dev.shmkit.job.TaskReport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands tasks to workers and books their outcome. Each worker holds up to {@code inFlight}
 * tasks, so a worker never waits for the parent between small tasks; tasks are dealt round-robin,
 * one per worker per round, oldest job first. A worker that dies gives its tasks back: the one it
 * was running is charged an attempt, the others are requeued free. All state is guarded by {@code this}.
 */
final class Scheduler {
    /** Frames buffered for one worker beyond this are written at once instead of at the end of a round. */
    private static final int FLUSH_BYTES = 32 * 1024;
    /** Input bytes queued at one worker beyond which it gets no more tasks: big (copy-mode) tasks go one at a time. */
    private static final long MAX_IN_FLIGHT_BYTES = 64L << 20;
    private final int inFlight;
    private final List<WorkerHandle> workers = new ArrayList<>();
    private final LinkedHashSet<JobRun> jobs = new LinkedHashSet<>();
    private final TaskSender sender = new TaskSender();
    private final Consumer<WorkerHandle> replacer;
    private boolean closed;

    Scheduler(int inFlight, Consumer<WorkerHandle> replacer) {
        this.inFlight = inFlight;
        this.replacer = replacer;
    }

    synchronized void add(WorkerHandle w) {
        workers.add(w);
    }

    synchronized List<WorkerHandle> workers() {
        return new ArrayList<>(workers);
    }

    synchronized void connected(WorkerHandle w) {
        if (w.state == WorkerState.STARTING) {
            w.state = WorkerState.IDLE;
        }
        notifyAll();
        dispatch();
    }

    synchronized void submit(JobRun job, List<TaskRun> tasks) {
        if (closed) {
            throw new JobCancelledException("pool is closed: job '" + job.options.name() + "' not started");
        }
        job.pending.addAll(tasks);
        jobs.add(job);
        job.tell(l -> l.started(job.progress()));
        if (tasks.isEmpty()) {
            finish(job);
        }
        dispatch();
    }

    /** Sends pending tasks to workers with room, batching each worker's frames into one write. */
    private void dispatch() {
        List<WorkerHandle> touched = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (WorkerHandle w : workers) {
                if (!w.connected() || w.retiring || w.state == WorkerState.DEAD || w.inFlight.size() >= inFlight
                        || w.inFlightBytes >= MAX_IN_FLIGHT_BYTES) {
                    continue;
                }
                TaskRun t = nextTask();
                if (t == null) {
                    break;
                }
                sender.send(w, t);
                if (w.out.size() >= FLUSH_BYTES) {
                    TaskSender.flush(w);  // a big task goes out now, so the worker starts while the next is serialized
                } else if (!touched.contains(w)) {
                    touched.add(w);
                }
                progress = true;
            }
        }
        for (WorkerHandle w : touched) {
            TaskSender.flush(w);
        }
        if (jobs.isEmpty()) {
            sender.trim();
        }
    }

    private TaskRun nextTask() {
        for (JobRun j : jobs) {
            TaskRun t = j.pending.poll();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private synchronized TaskRun lookup(WorkerHandle w, long taskId) {
        return w.inFlight.get(taskId);
    }

    void onResult(WorkerHandle w, Frame f) {
        long taskId = f.getLong();
        long deser = f.getLong(), attach = f.getLong(), run = f.getLong(), ser = f.getLong();
        long mapped = f.getLong(), copied = f.getLong();
        byte[] bytes = f.getBytes();
        TaskRun t = lookup(w, taskId);
        if (t == null) {
            return;  // a task of a cancelled job
        }
        long r0 = System.nanoTime();
        Object value;
        try {
            value = w.readerKryo(t.job.loader).readClassAndObject(new Input(bytes));
        } catch (RuntimeException | LinkageError e) {
            synchronized (this) {
                if (completed(w, taskId)) {
                    fail(t.job, JobFailedException.remote(t.job.options.name(), t.label, w.id, w.pid,
                            e.getClass().getName(), "the task's result (" + bytes.length + " B) could not be read "
                                    + "in the parent: " + e.getMessage(), String.valueOf(e)));
                    dispatch();
                }
            }
            return;
        }
        long resultNanos = ser + System.nanoTime() - r0;
        synchronized (this) {
            if (!completed(w, taskId)) {
                return;
            }
            JobRun job = t.job;
            if (!job.finished()) {
                job.results[t.index] = value;
                job.reports[t.index] = new TaskReport(t.index, t.label, w.id, t.attempts + 1,
                        t.dispatchNanos - job.submitNanos, t.shipNanos, deser, attach, run, resultNanos,
                        t.inputBytes + copied, mapped, bytes.length);
                if (--job.remaining == 0) {
                    finish(job);
                } else {
                    job.tell(l -> l.progress(job.progress()));
                }
            }
            dispatch();
        }
    }

    void onError(WorkerHandle w, Frame f) {
        long taskId = f.getLong();
        String cls = f.getString(), msg = f.getString(), trace = f.getString();
        synchronized (this) {
            TaskRun t = w.inFlight.get(taskId);
            if (t == null || !completed(w, taskId)) {
                return;
            }
            fail(t.job, JobFailedException.remote(t.job.options.name(), t.label, w.id, w.pid, cls, msg, trace));
            dispatch();
        }
    }

    /** Removes a finished task from its worker; the next one starts its timeout clock now. */
    private boolean completed(WorkerHandle w, long taskId) {
        TaskRun done = w.inFlight.remove(taskId);
        if (done == null) {
            return false;
        }
        w.inFlightBytes -= done.inputBytes;
        w.tasksDone++;
        Iterator<TaskRun> it = w.inFlight.values().iterator();
        if (it.hasNext()) {
            it.next().startNanos = System.nanoTime();
        } else if (w.state == WorkerState.BUSY) {
            w.state = WorkerState.IDLE;
        }
        if (w.retiring && w.inFlight.isEmpty()) {
            shutdown(w);
        }
        return true;
    }

    private void finish(JobRun job) {
        jobs.remove(job);
        JobReport report = job.report();
        job.tell(l -> l.progress(job.progress()));
        job.tell(l -> l.ended(job.progress(), report, null));
        job.done.complete(job);
    }

    private void fail(JobRun job, RuntimeException e) {
        job.pending.clear();
        jobs.remove(job);
        job.tell(l -> l.ended(job.progress(), null, e));
        job.done.completeExceptionally(e);
    }

    /** Cancels {@code job}: drops its pending tasks, tells its workers to drop and interrupt the rest. */
    synchronized void cancel(JobRun job, String why) {
        if (job.finished()) {
            return;
        }
        fail(job, new JobCancelledException("job '" + job.options.name() + "' cancelled: " + why));
        for (WorkerHandle w : workers) {
            boolean had = w.inFlight.values().removeIf(t -> t.job == job);
            w.inFlightBytes = w.inFlight.values().stream().mapToLong(t -> t.inputBytes).sum();
            if (had && w.connected()) {
                w.out.begin(Frame.CANCEL_JOB).putLong(job.id).end();
                TaskRun head = w.inFlight.values().stream().findFirst().orElse(null);
                if (head != null) {
                    head.startNanos = System.nanoTime();
                } else if (w.state == WorkerState.BUSY) {
                    w.state = WorkerState.IDLE;
                }
                TaskSender.flush(w);
            }
        }
        dispatch();
    }

    /** Book-keeping for a worker whose process exited: requeue or fail its tasks, replace it. */
    synchronized void onDeath(WorkerHandle w, int exitCode) {
        if (w.state == WorkerState.DEAD) {
            return;
        }
        w.state = WorkerState.DEAD;
        workers.remove(w);
        List<TaskRun> lost = new ArrayList<>(w.inFlight.values());
        w.inFlight.clear();
        w.inFlightBytes = 0;
        for (int i = lost.size() - 1; i >= 0; i--) {
            TaskRun t = lost.get(i);
            if (t.job.finished()) {
                continue;
            }
            t.job.shippedTo.remove(w);
            if (i == 0) {
                t.attempts++;
                if (t.attempts > t.job.options.retries()) {
                    fail(t.job, JobFailedException.workerDied(t.job.options.name(), t.label, w.id, w.pid, exitCode,
                            t.attempts, Causes.of(exitCode, w.killReason)));
                    continue;
                }
            }
            t.job.pending.addFirst(t);
        }
        if (!lost.isEmpty() && !closed) {
            System.err.println("[w" + w.id + "] worker died exit=" + exitCode + " with tasks=" + lost.size()
                    + ": " + Causes.of(exitCode, w.killReason));
        }
        notifyAll();
        if (!closed && !w.retiring) {
            replacer.accept(w);
        }
        dispatch();
    }

    /** Kills workers whose head task has run longer than its job's timeout. */
    synchronized void checkTimeouts() {
        long now = System.nanoTime();
        for (WorkerHandle w : workers) {
            Iterator<TaskRun> it = w.inFlight.values().iterator();
            if (!it.hasNext() || w.killReason != null) {
                continue;
            }
            TaskRun head = it.next();
            if (head.job.options.timeout() != null && head.startNanos != 0
                    && now - head.startNanos > head.job.options.timeout().toNanos()) {
                w.killReason = "the task (" + head.label + ") exceeded timeout=" + head.job.options.timeout()
                        + "; the worker was killed";
                w.process.destroyForcibly();
            }
        }
    }

    /** Marks {@code n} workers (idle first) for retirement. */
    synchronized void retire(int n) {
        List<WorkerHandle> live = new ArrayList<>(workers);
        live.removeIf(w -> w.retiring || w.state == WorkerState.DEAD);
        live.sort((a, b) -> Integer.compare(a.inFlight.size(), b.inFlight.size()));
        for (int i = 0; i < n && i < live.size(); i++) {
            WorkerHandle w = live.get(i);
            w.retiring = true;
            w.state = WorkerState.RETIRING;
            if (w.inFlight.isEmpty()) {
                shutdown(w);
            }
        }
    }

    private void shutdown(WorkerHandle w) {
        if (!w.connected()) {
            w.process.destroy();
            return;
        }
        w.out.begin(Frame.SHUTDOWN).end();
        TaskSender.flush(w);
    }

    /** Stops accepting jobs, cancels running ones and asks every worker to exit. */
    synchronized List<WorkerHandle> close() {
        closed = true;
        for (JobRun j : new ArrayList<>(jobs)) {
            fail(j, new JobCancelledException("job '" + j.options.name() + "' cancelled: the pool was closed"));
        }
        for (WorkerHandle w : workers) {
            shutdown(w);
        }
        return new ArrayList<>(workers);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits until {@code ready} holds, up to {@code millis}. */
    synchronized boolean await(java.util.function.BooleanSupplier ready, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!ready.getAsBoolean()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
