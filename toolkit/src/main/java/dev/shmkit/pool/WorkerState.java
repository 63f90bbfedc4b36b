package dev.shmkit.pool;

/** Life cycle of a worker JVM. */
public enum WorkerState {
    /** Process started, not yet warmed up and connected. */
    STARTING,
    /** Connected, no task. */
    IDLE,
    /** Running or holding tasks. */
    BUSY,
    /** Finishing its tasks before a resize removes it. */
    RETIRING,
    /** Exited or killed. */
    DEAD
}
