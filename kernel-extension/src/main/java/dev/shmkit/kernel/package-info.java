/** A Jupyter kernel for Java on JJava's base library: JShell with a local, interruptible engine whose snippet class bytes stay readable. */
package dev.shmkit.kernel;
