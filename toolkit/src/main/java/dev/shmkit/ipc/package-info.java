/** A second JVM on the other end of a pipe, to measure what sending a copy costs against attaching a shared table. */
package dev.shmkit.ipc;
