package dev.shmkit.ship;

import java.io.Serializable;

/**
 * What a {@link SnapshotResolver} ships instead of a variable's value: a small reference (a
 * segment path) that the worker turns back into a value by attaching, not by copying.
 */
public interface SharedReference extends Serializable {
    /** Runs in the worker; returns the value the variable gets there. */
    Object materialize();

    /** Bytes the last {@link #materialize()} copied (0 when it attached in place or reused a cached value). */
    default long bytesCopied() {
        return 0;
    }

    /** Bytes the last {@link #materialize()} made readable in place. */
    default long bytesMapped() {
        return 0;
    }
}
