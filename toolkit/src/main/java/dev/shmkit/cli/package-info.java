/** The command-line entry points behind the {@code ./shmkit} launcher. */
package dev.shmkit.cli;
