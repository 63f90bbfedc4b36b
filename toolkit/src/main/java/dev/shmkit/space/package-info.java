/** The named shared-memory space for notebook and JShell users: publish, put, attach and list tables and objects by name, over the segments of one directory. */
package dev.shmkit.space;
