package dev.shmkit.pool;

/**
 * One task as a backend sees it: the task's id (unique within the pool), its label for messages
 * and its input, which the backend serializes (a {@code TableCopy} input is streamed).
 *
 * @param taskId unique within the pool
 * @param label  e.g. {@code rows [0, 1000)}
 * @param input  the runner's input
 */
public record TaskSpec(long taskId, String label, Object input) {
}
