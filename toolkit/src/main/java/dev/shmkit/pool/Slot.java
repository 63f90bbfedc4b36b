package dev.shmkit.pool;

import java.util.LinkedHashMap;

/** The scheduler's view of one worker: its state and the tasks sent to it, in the order it runs them. Guarded by the scheduler. */
final class Slot {
    final int id;
    final long pid;
    final LinkedHashMap<Long, TaskRun> inFlight = new LinkedHashMap<>();
    /** Input bytes of the tasks in {@link #inFlight} (a streamed copy-mode table included). */
    long inFlightBytes;
    WorkerState state = WorkerState.STARTING;
    long tasksDone;
    boolean retiring;
    /** Why the scheduler had this worker killed (a timeout), or null. */
    String killReason;
    /** A replacement for a worker that died (counts towards the bounded start attempts). */
    boolean replacement;

    Slot(int id, long pid) {
        this.id = id;
        this.pid = pid;
    }

    boolean connected() {
        return state != WorkerState.STARTING && state != WorkerState.DEAD;
    }

    /** Can take another task. */
    boolean open(int maxInFlight, long maxBytes) {
        return connected() && !retiring && inFlight.size() < maxInFlight && inFlightBytes < maxBytes;
    }

    WorkerInfo info() {
        return new WorkerInfo(id, pid, state, tasksDone);
    }
}
