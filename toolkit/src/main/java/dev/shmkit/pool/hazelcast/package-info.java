/** The cluster backend: pool workers as task slots on Hazelcast members, each holding its own copy of the segments its tasks read. */
package dev.shmkit.pool.hazelcast;
