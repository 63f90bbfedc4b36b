/** A pool of warm worker JVMs driven over a Unix-domain control socket, and the scheduler that runs map jobs on them. */
package dev.shmkit.pool;
