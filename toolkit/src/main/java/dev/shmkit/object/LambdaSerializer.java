package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Kryo serializer for serializable lambdas that needs no opening of {@code java.lang.invoke}.
 * Kryo's own {@code ClosureSerializer} reads {@code SerializedLambda}'s private
 * {@code capturingClass} and {@code readResolve()} reflectively; without
 * {@code --add-opens java.base/java.lang.invoke} it logs two stack traces per instance and then
 * looks the capturing class up with {@code Class.forName} from Kryo's own loader, which cannot see
 * JShell's {@code REPL.$JShell$N} (a plain {@code jshell --class-path ...} session). This one gets
 * the {@code SerializedLambda} from the lambda's own {@code writeReplace()}, finds the capturing class
 * through the lambda's loader when writing and through Kryo's loader when reading, and rebuilds the
 * lambda through the capturing class's own {@code $deserializeLambda$}, as
 * {@code SerializedLambda.readResolve} does. Members of classes in unnamed modules only.
 */
public final class LambdaSerializer extends Serializer<Object> {
    /** The method javac adds to a class that creates serializable lambdas, which rebuilds them. */
    private static final String DESERIALIZE = "$deserializeLambda$";

    @Override
    public void write(Kryo kryo, Output output, Object lambda) {
        SerializedLambda s = serializedLambda(lambda);
        int count = s.getCapturedArgCount();
        output.writeVarInt(count, true);
        for (int i = 0; i < count; i++) {
            kryo.writeClassAndObject(output, s.getCapturedArg(i));
        }
        kryo.writeClass(output, capturingClass(s, lambda.getClass().getClassLoader()));
        output.writeString(s.getFunctionalInterfaceClass());
        output.writeString(s.getFunctionalInterfaceMethodName());
        output.writeString(s.getFunctionalInterfaceMethodSignature());
        output.writeVarInt(s.getImplMethodKind(), true);
        output.writeString(s.getImplClass());
        output.writeString(s.getImplMethodName());
        output.writeString(s.getImplMethodSignature());
        output.writeString(s.getInstantiatedMethodType());
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        int count = input.readVarInt(true);
        Object[] captured = new Object[count];
        for (int i = 0; i < count; i++) {
            captured[i] = kryo.readClassAndObject(input);
        }
        Class<?> capturing = kryo.readClass(input).getType();
        SerializedLambda s = new SerializedLambda(capturing, input.readString(), input.readString(),
                input.readString(), input.readVarInt(true), input.readString(), input.readString(),
                input.readString(), input.readString(), captured);
        try {
            Method rebuild = capturing.getDeclaredMethod(DESERIALIZE, SerializedLambda.class);
            rebuild.setAccessible(true);
            return rebuild.invoke(null, s);
        } catch (NoSuchMethodException e) {
            throw new KryoException("lambda " + s.getImplClass() + "." + s.getImplMethodName() + ": capturing class="
                    + capturing.getName() + " has no " + DESERIALIZE + " (the lambda was not Serializable when compiled)", e);
        } catch (InvocationTargetException e) {
            throw new KryoException("lambda " + s.getImplClass() + "." + s.getImplMethodName() + " could not be rebuilt: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new KryoException("lambda " + s.getImplClass() + "." + s.getImplMethodName() + " could not be rebuilt: " + e, e);
        }
    }

    /** The lambda's {@code SerializedLambda}, from the {@code writeReplace()} javac gives serializable lambdas. */
    static SerializedLambda serializedLambda(Object lambda) {
        Object replaced;
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            replaced = writeReplace.invoke(lambda);
        } catch (NoSuchMethodException e) {
            throw new KryoException("class=" + lambda.getClass().getName() + " is a lambda that is not Serializable"
                    + " (no writeReplace): cast it to a Serializable functional interface such as SerializableFunction"
                    + " or RowTask", e);
        } catch (InvocationTargetException e) {
            throw new KryoException("lambda class=" + lambda.getClass().getName() + ": writeReplace failed: " + e.getCause(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new KryoException("lambda class=" + lambda.getClass().getName() + ": cannot call writeReplace: " + e, e);
        }
        if (!(replaced instanceof SerializedLambda s)) {
            throw new KryoException("lambda class=" + lambda.getClass().getName() + ": writeReplace returned "
                    + (replaced == null ? "null" : replaced.getClass().getName()) + ", not a SerializedLambda");
        }
        return s;
    }

    private static Class<?> capturingClass(SerializedLambda s, ClassLoader loader) {
        String name = s.getCapturingClass().replace('/', '.');
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new KryoException("lambda's capturing class=" + name + " is not visible from its loader=" + loader, e);
        }
    }
}
