/** Tables as Arrow IPC files in shared memory: writing Tablesaw tables and reading any Arrow file zero-copy through a mapping. */
package dev.shmkit.table;
