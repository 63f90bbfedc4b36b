/** Mapping files into memory (read-only or read-write, one mmap per file shared by handles, unmapped when the last handle closes) and reserving their bytes on the device up front. */
package dev.shmkit.memory;
