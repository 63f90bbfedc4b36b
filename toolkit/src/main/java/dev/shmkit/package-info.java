/** shmkit: named shared-memory spaces for tables and objects, and parallel map jobs over worker JVMs. */
package dev.shmkit;
