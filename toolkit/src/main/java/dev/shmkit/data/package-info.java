/** Seeded generators for large synthetic tables, for demos, benchmarks and workshop notebooks. */
package dev.shmkit.data;
