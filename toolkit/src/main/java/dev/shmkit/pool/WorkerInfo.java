package dev.shmkit.pool;

/** A snapshot of one worker: id (never reused within a pool), process id, state, tasks completed. */
public record WorkerInfo(int id, long pid, WorkerState state, long tasksDone) {
}
