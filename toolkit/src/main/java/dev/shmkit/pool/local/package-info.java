/**
 * The local backend of the pool: worker JVMs on this machine over a Unix-domain control socket —
 * frames, the request/reply channel, streaming of copy-mode inputs — and the worker side.
 */
package dev.shmkit.pool.local;
