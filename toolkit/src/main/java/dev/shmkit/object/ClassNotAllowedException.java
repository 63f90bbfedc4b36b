package dev.shmkit.object;

import dev.shmkit.ShmkitException;

/**
 * Data being read names a class outside the reader's {@link ClassPolicy}: the class was loaded
 * without initialisation and refused before any of its code ran.
 */
public class ClassNotAllowedException extends ShmkitException {
    private static final long serialVersionUID = 1L;

    private final String className;

    public ClassNotAllowedException(String className, String where) {
        super(where + ": class=" + className + " is not on the deserialization allow-list, so it was not"
                + " instantiated; if the data is yours, allow it in the reading process with Kryos.allow("
                + className.replace('$', '.') + ".class) or for every shmkit JVM with "
                + AllowedClasses.ENV + "=" + className + " (or -D" + AllowedClasses.PROPERTY + "=...)");
        this.className = className;
    }

    /** The refused class's binary name. */
    public String className() {
        return className;
    }
}
