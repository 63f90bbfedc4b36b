package dev.shmkit.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The package-cycle check itself, on classes written with ASM: it must see class references and class-name strings. */
class PackageGraphTest {
    @Test
    void shouldFindACycleMadeByAClassNameString(@TempDir Path dir) throws IOException {
        write(dir, "dev/shmkit/lower/Low", null, "dev.shmkit.upper.");  // names the upper package only in a string
        write(dir, "dev/shmkit/upper/Up", "dev/shmkit/lower/Low", null);
        write(dir, "dev/shmkit/other/Other", "dev/shmkit/lower/Low", null);
        PackageGraph g = PackageGraph.of(dir);
        assertEquals(Set.of("dev.shmkit.lower"), g.uses("dev.shmkit.upper"));
        assertEquals(Set.of("dev.shmkit.upper"), g.uses("dev.shmkit.lower"));
        List<Set<String>> cycles = g.cycles();
        assertEquals(List.of(Set.of("dev.shmkit.lower", "dev.shmkit.upper")), cycles);
        String text = g.describe(cycles);
        assertTrue(text.contains("dev.shmkit.lower -> dev.shmkit.upper: Low -> string \"dev.shmkit.upper.\""), text);
        assertTrue(text.contains("dev.shmkit.upper -> dev.shmkit.lower: Up -> dev.shmkit.lower.Low"), text);
    }

    @Test
    void shouldFindNoCycleInALayeredGraph(@TempDir Path dir) throws IOException {
        write(dir, "dev/shmkit/lower/Low", null, "plain text, dev.shmkit names no package here");
        write(dir, "dev/shmkit/upper/Up", "dev/shmkit/lower/Low", "dev.shmkit.lower.Low");
        PackageGraph g = PackageGraph.of(dir);
        assertEquals(Set.of(), g.uses("dev.shmkit.lower"));
        assertEquals(List.of(), g.cycles());
    }

    /** A class with a field of type {@code fieldType} (if any) and a method returning the string {@code constant} (if any). */
    private static void write(Path dir, String name, String fieldType, String constant) throws IOException {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        if (fieldType != null) {
            cw.visitField(Opcodes.ACC_PRIVATE, "f", "L" + fieldType + ";", null, null).visitEnd();
        }
        if (constant != null) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "s", "()Ljava/lang/String;", null, null);
            mv.visitCode();
            mv.visitLdcInsn(constant);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        Path f = dir.resolve(name + ".class");
        Files.createDirectories(f.getParent());
        Files.write(f, cw.toByteArray());
    }
}
