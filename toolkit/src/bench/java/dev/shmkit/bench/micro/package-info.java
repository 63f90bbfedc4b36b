/**
 * Microbenchmarks in JMH, the JVM's standard harness ({@code ./shmkit bench micro}): a column sum
 * mapped vs on the heap, attaching a table, one task's round trip through a worker, a closure's Kryo
 * round trip.
 */
package dev.shmkit.bench.micro;
