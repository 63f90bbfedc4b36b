package dev.shmkit.ship;

import java.io.Serializable;

/**
 * What a {@link SnapshotResolver} ships instead of a variable's value: a small reference (a
 * segment path) that the worker turns back into a value by attaching, not by copying.
 */
public interface SharedReference extends Serializable {
    /** Runs in the worker; returns the value the variable gets there. */
    Object materialize();
}
