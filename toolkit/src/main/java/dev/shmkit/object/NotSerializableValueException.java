package dev.shmkit.object;

import dev.shmkit.ShmkitException;

/**
 * A value cannot be stored in the space because something in its object graph cannot be
 * serialized (a thread, socket, stream, executor, class loader, or a class Kryo cannot handle).
 * The message names the root class, the offending class and the field path to it.
 */
public class NotSerializableValueException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final String rootClass;
    private final String offendingClass;
    private final String fieldPath;

    public NotSerializableValueException(String rootClass, String offendingClass, String fieldPath, String reason,
                                         Throwable cause) {
        super("cannot store value of class " + rootClass + ": field path '" + fieldPath + "' holds "
                + offendingClass + " (" + reason + "); fix: make that field transient, store only the data it"
                + " refers to, or publish tables with publish()", cause);
        this.rootClass = rootClass;
        this.offendingClass = offendingClass;
        this.fieldPath = fieldPath;
    }

    /** Class of the value that was being stored. */
    public String rootClass() {
        return rootClass;
    }

    /** Class that cannot be serialized (as far as it is known; Kryo's trace may only name the field). */
    public String offendingClass() {
        return offendingClass;
    }

    /** Path from the root to the offending object, e.g. {@code workers[2].thread}. */
    public String fieldPath() {
        return fieldPath;
    }
}
