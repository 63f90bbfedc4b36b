package dev.shmkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every shmkit JVM needs (kernel, workers, JShell, tests), per Java version.
 * Chronicle Bytes maps files through JDK internals; Kryo's closure serializer reads
 * {@code java.lang.invoke}. Java 17 refuses {@code --sun-misc-unsafe-memory-access}, so the
 * list is computed for the target runtime rather than written down once.
 */
public final class JvmFlags {
    /** The flags without which the first mapping fails on Java 17 (shared/notes/stack.md). */
    public static final List<String> BASE = List.of(
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            // Without it Chronicle Bytes never unmaps a released file (issue 8); Mapping also sets it when absent.
            "-DmappedFile.retain=true",
            // Unmap in the thread that closes the last handle, not later in Chronicle's background releaser.
            "-Dbackground.releaser=false");

    private JvmFlags() {
    }

    /** Flags for a JVM of the given feature version (17, 21, 25 ...). */
    public static List<String> forVersion(int feature) {
        List<String> flags = new ArrayList<>(BASE);
        if (feature >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 24) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /** Flags for a JVM of the same version as this one. */
    public static List<String> forCurrentRuntime() {
        return forVersion(Runtime.version().feature());
    }
}
