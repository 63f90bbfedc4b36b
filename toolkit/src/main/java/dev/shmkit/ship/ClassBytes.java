package dev.shmkit.ship;

import java.io.IOException;
import java.io.InputStream;

/** Reads a class's bytes from the loader that defined it. */
public final class ClassBytes {
    /** How to make snippet bytes readable where the kernel's loader does not serve them. */
    static final String HOW_TO_CAPTURE = "enable capture of snippet bytecode: start the kernel JVM with "
            + "-javaagent:<path>/replbytes-agent.jar (e.g. JJAVA_JVM_OPTS=-javaagent:/abs/replbytes-agent.jar), "
            + "or run the code from the jshell tool, the JShell API or IJava, whose loaders serve the bytes";

    private ClassBytes() {
    }

    /**
     * The bytes of {@code binaryName} (dotted) from {@code loader}, or null when the loader does
     * not know the class at all.
     *
     * @throws ShippingRefusedException when the loader defines the class but will not give its bytes
     */
    public static byte[] read(ClassLoader loader, String binaryName) {
        String resource = binaryName.replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new ShippingRefusedException("class=" + binaryName + ": reading its bytes from loader=" + loader
                    + " failed: " + e, e);
        }
        try {
            Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        throw new ShippingRefusedException("class=" + binaryName + " is defined by loader=" + loader.getClass().getName()
                + " but getResourceAsStream(\"" + resource + "\") returned null, so it cannot be sent to workers; "
                + HOW_TO_CAPTURE);
    }
}
