/** The named shared-memory space: where segments live, their names and versions, who owns them, and sweeping what dead processes left. */
package dev.shmkit.space;
