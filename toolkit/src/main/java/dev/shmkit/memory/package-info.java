/** Mapping segment files into memory and reserving their space on the device up front. */
package dev.shmkit.memory;
