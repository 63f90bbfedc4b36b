package dev.shmkit.magic;

/**
 * Marks a kernel that shows a magic's return value as the cell result (shmkit's kernel, JJava
 * 1.0-a7 and later). Magics running in other kernels display their output explicitly instead.
 */
public interface MagicResultsShown {
}
