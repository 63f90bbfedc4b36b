package dev.shmkit.ship;

import org.objectweb.asm.ClassReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a class's bytes from the loader that defined it: as a resource ({@code REPL/$JShell$N.class}
 * from the JDK's JShell loaders), else from the map a loader keeps them in (stock JJava's, see
 * {@link KeptBytes}).
 */
public final class ClassBytes {
    /** How to make snippet bytes readable where the kernel's loader does not serve them. */
    static final String HOW_TO_CAPTURE = "run the code in a kernel whose loader gives the bytes (shmkit's kernel, "
            + "stock JJava, IJava, the jshell tool or the JShell API), or put the task's class in a jar on the "
            + "class path of the kernel and the workers (PoolOptions.classpath)";

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
        byte[] kept = KeptBytes.read(loader, binaryName);
        if (kept != null) {
            return kept;
        }
        try {
            Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        throw new ShippingRefusedException("class=" + binaryName + " is defined by loader=" + loader.getClass().getName()
                + " but getResourceAsStream(\"" + resource + "\") returned null and the loader keeps no Map<String, byte[]>"
                + " of its classes, so it cannot be sent to workers; "
                + HOW_TO_CAPTURE);
    }

    /** Constant-pool tags whose entry is (or names) a UTF-8 string: class names and descriptors live there. */
    private static final int CONSTANT_UTF8 = 1;

    /**
     * The JShell snippet classes ({@code REPL.*}, binary names) that {@code classBytes} refers to:
     * every class its code can link against is named in its constant pool, as a class entry or
     * inside a descriptor, so scanning the pool's strings finds them all.
     */
    public static Set<String> replReferences(byte[] classBytes) {
        Set<String> out = new TreeSet<>();
        ClassReader r = new ClassReader(classBytes);
        for (int i = 1; i < r.getItemCount(); i++) {
            int offset = r.getItem(i);
            if (offset == 0 || classBytes[offset - 1] != CONSTANT_UTF8) {
                continue;
            }
            String s;
            try {
                // the entry is a u2 length and modified UTF-8: exactly what DataInput.readUTF reads
                s = new java.io.DataInputStream(new java.io.ByteArrayInputStream(classBytes, offset,
                        classBytes.length - offset)).readUTF();
            } catch (IOException e) {
                continue;
            }
            for (int at = s.indexOf(StaticScanner.REPL_PREFIX); at >= 0; at = s.indexOf(StaticScanner.REPL_PREFIX, at + 1)) {
                int end = at + StaticScanner.REPL_PREFIX.length();
                while (end < s.length() && isNamePart(s.charAt(end))) {
                    end++;
                }
                if (end > at + StaticScanner.REPL_PREFIX.length()) {
                    out.add(s.substring(at, end).replace('/', '.'));
                }
            }
        }
        return out;
    }

    private static boolean isNamePart(char c) {
        return c != ';' && c != '<' && c != '>' && c != '(' && c != ')' && c != '[' && c != '.' && c != ':'
                && !Character.isWhitespace(c);
    }
}
