/** Proxy mode: a table's column reads as requests to the process that holds it, and that process's answers. */
package dev.shmkit.table.proxy;
