package dev.shmkit.ship;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scans synthetic {@code REPL/} classes made with ASM, served by a loader the way JShell's is. */
class StaticScannerTest {
    /** Defines classes from bytes and serves those bytes as resources, like JShell's loader. */
    static class ReplLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ReplLoader(Map<String, byte[]> classes) {
            super(StaticScannerTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name.replace('.', '/'));
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = classes.get(name.replace(".class", ""));
            return b == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(b);
        }
    }

    /** {@code REPL/$JShell$1 { public static Object v; }} */
    static byte[] holder(String fieldDesc) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "REPL/$JShell$1", null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "v", fieldDesc, null, null).visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code REPL/$JShell$2 implements IntSupplier { getAsInt() { return helper(); } static int helper() { v; return 1; } }} */
    static byte[] task(String fieldDesc) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "REPL/$JShell$2", null, "java/lang/Object",
                new String[] {"java/util/function/IntSupplier"});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor get = cw.visitMethod(Opcodes.ACC_PUBLIC, "getAsInt", "()I", null, null);
        get.visitCode();
        get.visitMethodInsn(Opcodes.INVOKESTATIC, "REPL/$JShell$2", "helper", "()I", false);
        get.visitInsn(Opcodes.IRETURN);
        get.visitMaxs(0, 0);
        get.visitEnd();
        MethodVisitor helper = cw.visitMethod(Opcodes.ACC_STATIC, "helper", "()I", null, null);
        helper.visitCode();
        helper.visitFieldInsn(Opcodes.GETSTATIC, "REPL/$JShell$1", "v", fieldDesc);
        helper.visitInsn(Opcodes.POP);
        helper.visitInsn(Opcodes.ICONST_1);
        helper.visitInsn(Opcodes.IRETURN);
        helper.visitMaxs(0, 0);
        helper.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    static Object taskWith(ReplLoader loader, Object value) throws Exception {
        loader.loadClass("REPL.$JShell$1").getField("v").set(null, value);
        return loader.loadClass("REPL.$JShell$2").getConstructor().newInstance();
    }

    static ReplLoader loader() {
        return new ReplLoader(Map.of("REPL/$JShell$1", holder("Ljava/lang/Object;"),
                "REPL/$JShell$2", task("Ljava/lang/Object;")));
    }

    @Test
    void shouldFindStaticReadThroughCalledMethod() throws Exception {
        ReplLoader l = loader();
        Object t = taskWith(l, "x");
        Set<StaticScanner.StaticRead> reads = StaticScanner.scan(t, l);
        assertEquals(Set.of(new StaticScanner.StaticRead("REPL/$JShell$1", "v", "Ljava/lang/Object;")), reads);
        Object[] snap = StaticSnapshot.take(t, l, StaticSnapshot.DEFAULT_MAX_BYTES, SnapshotResolver.NONE);
        assertEquals(3, snap.length);
        assertEquals("REPL.$JShell$1", snap[0]);
        assertEquals("v", snap[1]);
        assertEquals("x", snap[2]);
    }

    @Test
    void shouldIgnoreNonReplCode() {
        IntSupplier plain = (IntSupplier & java.io.Serializable) () -> 1;
        assertTrue(StaticScanner.scan(plain, getClass().getClassLoader()).isEmpty());
    }

    @Test
    void shouldRefuseLargeAndLocalOnlyValues() throws Exception {
        ReplLoader l = loader();
        ShippingRefusedException big = assertThrows(ShippingRefusedException.class, () ->
                StaticSnapshot.take(taskWith(l, new long[1000]), l, 4000, SnapshotResolver.NONE));
        assertTrue(big.getMessage().contains("'v' (type=long[], size=8000 B estimated, limit=4000 B)"), big.getMessage());
        ShippingRefusedException thread = assertThrows(ShippingRefusedException.class, () ->
                StaticSnapshot.take(taskWith(l, new Thread(() -> { })), l, 4000, SnapshotResolver.NONE));
        assertTrue(thread.getMessage().contains("'v' (type=java.lang.Thread, a Thread)"), thread.getMessage());
    }

    @Test
    void shouldShipResolvedReferenceInsteadOfValue() throws Exception {
        ReplLoader l = loader();
        SharedReference ref = () -> "attached";
        Object[] snap = StaticSnapshot.take(taskWith(l, new long[1000]), l, 4000, (name, value) -> ref);
        assertEquals(ref, snap[2]);
    }

    @Test
    void shouldExplainUnreadableSnippetBytes() throws Exception {
        ReplLoader l = new ReplLoader(Map.of("REPL/$JShell$1", holder("Ljava/lang/Object;"),
                "REPL/$JShell$2", task("Ljava/lang/Object;"))) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return null;
            }
        };
        Object t = taskWith(l, "x");
        ShippingRefusedException e = assertThrows(ShippingRefusedException.class, () -> StaticScanner.scan(t, l));
        assertTrue(e.getMessage().contains("keeps no Map<String, byte[]>"), e.getMessage());
    }
}
