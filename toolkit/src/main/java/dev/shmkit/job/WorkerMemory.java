package dev.shmkit.job;

/**
 * The physical memory one worker used during a job, sampled from {@code /proc/PID/smaps_rollup}:
 * the peak proportional share (PSS) of shared memory (tmpfs segments it maps: a shared table counts
 * once across all its readers) and the peak PSS of its private memory (heap, stacks, and any copy
 * of a table it deserialized). In share mode the first dominates and sums across workers to about the
 * table's size; in copy mode the second grows by about a table per worker.
 *
 * @param workerId         the worker's id in its pool
 * @param pid              its process id
 * @param peakSharedBytes  peak PSS of shared memory ({@code Pss_Shmem}) over the samples
 * @param peakPrivateBytes peak PSS of private memory ({@code Pss_Anon}) over the samples
 * @param samples          how many samples were read (peaks between samples are missed)
 */
public record WorkerMemory(int workerId, long pid, long peakSharedBytes, long peakPrivateBytes, int samples) {
}
