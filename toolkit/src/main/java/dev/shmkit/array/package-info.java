/** Shared writable primitive arrays (double, long, int) that any process fills in place, with cross-process atomic counters. */
package dev.shmkit.array;
