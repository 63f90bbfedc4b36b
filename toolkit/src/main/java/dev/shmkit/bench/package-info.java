/** Benchmarks (not tests): each prints one JSON line per measurement, and the second-process probe they drive. */
package dev.shmkit.bench;
