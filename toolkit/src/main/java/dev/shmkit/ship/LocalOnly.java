package dev.shmkit.ship;

/**
 * Marks a type whose instances cannot leave their process (a worker pool, a space handle): a task
 * that reads a notebook variable holding one is refused before anything runs, with the fix.
 */
public interface LocalOnly {
}
