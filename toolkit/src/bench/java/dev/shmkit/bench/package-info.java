/**
 * Benchmarks (not tests, not in the library jar): each prints one JSON line per measurement; run with {@code ./shmkit bench}.
 */
package dev.shmkit.bench;
