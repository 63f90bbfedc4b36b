package dev.shmkit.pool.hazelcast;

import dev.shmkit.ShmkitException;

/** The cluster backend could not join, reach a member, or ship a segment. */
public class ClusterException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
