/** Shipping code to workers: class bytes served on demand and snapshots of the JShell variables a task reads. */
package dev.shmkit.ship;
