/** Mapping files into memory (read-only or read-write, one mmap per file shared by handles, unmapped when the last handle closes), reserving their bytes on the device up front, writing arrays into mappings on every core, and which pages a device gives (4 KiB or 2 MiB). */
package dev.shmkit.memory;
