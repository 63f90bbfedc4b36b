/**
 * The worker pool's API and scheduling, without transport: the {@code WorkerPool} facade, the
 * {@code Scheduler}, chunking, and the {@code Backend} seam that transports implement.
 */
package dev.shmkit.pool;
