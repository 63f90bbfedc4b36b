package dev.shmkit.ship;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the JShell top-level variables a task reads. They are static fields of {@code REPL/$JShell$N}
 * wrapper classes, so the scanner follows the task's code (a lambda's implementation method, or
 * every method of a snippet class) through calls into other {@code REPL/} methods and lambdas,
 * collecting each {@code GETSTATIC} on a {@code REPL/} class.
 */
public final class StaticScanner {
    /** Package of every JShell snippet class, in internal form. */
    public static final String REPL_PREFIX = "REPL/";
    /** Stands for "every method" of a class in the work list. */
    private static final String ALL = "*";

    /** A static field read: owner in internal form ({@code REPL/$JShell$5}), field name, descriptor. */
    public record StaticRead(String owner, String name, String desc) {
    }

    private record MethodRef(String owner, String name, String desc) {
    }

    private final ClassLoader loader;
    private final Map<String, byte[]> classBytes = new HashMap<>();

    private StaticScanner(ClassLoader loader) {
        this.loader = loader;
    }

    /** The REPL statics read by {@code task}, whose classes come from {@code loader}. */
    public static Set<StaticRead> scan(Object task, ClassLoader loader) {
        StaticScanner s = new StaticScanner(loader);
        ArrayDeque<MethodRef> work = new ArrayDeque<>();
        SerializedLambda lambda = serializedLambda(task);
        if (lambda != null) {
            work.add(new MethodRef(lambda.getImplClass(), lambda.getImplMethodName(), lambda.getImplMethodSignature()));
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object arg = lambda.getCapturedArg(i);
                if (arg != null && isRepl(arg.getClass().getName().replace('.', '/'))) {
                    work.add(new MethodRef(arg.getClass().getName().replace('.', '/'), ALL, ALL));
                }
            }
        } else if (isRepl(task.getClass().getName().replace('.', '/'))) {
            work.add(new MethodRef(task.getClass().getName().replace('.', '/'), ALL, ALL));
        }
        return s.follow(work);
    }

    private Set<StaticRead> follow(ArrayDeque<MethodRef> work) {
        Set<StaticRead> reads = new LinkedHashSet<>();
        Set<MethodRef> seen = new HashSet<>();
        while (!work.isEmpty()) {
            MethodRef m = work.poll();
            if (!isRepl(m.owner()) || !seen.add(m)) {
                continue;
            }
            byte[] bytes = classBytes.computeIfAbsent(m.owner(), o -> ClassBytes.read(loader, o.replace('/', '.')));
            if (bytes == null) {
                continue;
            }
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if (!m.name().equals(ALL) && !(m.name().equals(name) && m.desc().equals(desc))) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                            if (opcode == Opcodes.GETSTATIC && isRepl(owner)) {
                                reads.add(new StaticRead(owner, fname, fdesc));
                            }
                        }

                        @Override
                        public void visitMethodInsn(int op, String owner, String mname, String mdesc, boolean itf) {
                            work.add(new MethodRef(owner, mname, mdesc));
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                            for (Object a : args) {
                                if (a instanceof Handle h) {
                                    work.add(new MethodRef(h.getOwner(), h.getName(), h.getDesc()));
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return reads;
    }

    static boolean isRepl(String internalName) {
        return internalName.startsWith(REPL_PREFIX);
    }

    /** The SerializedLambda form of a Serializable lambda, or null for any other object. */
    static SerializedLambda serializedLambda(Object task) {
        Class<?> c = task.getClass();
        if (!c.isSynthetic()) {
            return null;
        }
        try {
            Method m = c.getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            Object r = m.invoke(task);
            return r instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
