package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.Arrays;

/**
 * The one place shmkit configures Kryo. Kryo instances are not thread-safe, so callers borrow
 * one from {@link #pool()} and return it.
 *
 * <p>Policy: registration is not required (notebook users store their own classes), but every
 * class named in data being read must pass a {@link ClassPolicy} — it is loaded without
 * initialisation and refused with a {@link ClassNotAllowedException} otherwise, so a planted
 * segment or frame cannot make this process run code of a class it did not choose. References are
 * tracked (object graphs with sharing and cycles survive), classes without a no-arg constructor
 * are created through Objenesis, and Serializable lambdas go through {@link LambdaSerializer}.
 *
 * <p>Allowing your own classes: {@code Kryos.allow(MyRecord.class)} in the process that reads, or
 * {@code SHMKIT_ALLOW_CLASSES=com.acme.MyRecord,com.acme.model.*} (or
 * {@code -Dshmkit.allowClasses=...}) for every shmkit JVM, worker JVMs included.
 */
public final class Kryos {
    private static final Pool<Kryo> POOL = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            return newKryo(null, ClassPolicy.standard());
        }
    };

    private Kryos() {
    }

    /**
     * A fresh, configured Kryo for {@code loader} (null: the thread's context loader) that reads
     * {@link ClassPolicy#standard() standard} classes and {@link ClassPolicy#application application}
     * classes of {@code loader} (the job's session loader and the class path in a worker, the job's
     * code loader in the parent): what the pool's frames carry. JDK classes outside the standard
     * list (a {@code java.net.URL}, say) are refused.
     */
    public static Kryo newKryo(ClassLoader loader) {
        ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        return newKryo(loader, ClassPolicy.standard().or(ClassPolicy.application(cl)));
    }

    /** A fresh, configured Kryo for {@code loader} (null: the context loader) reading classes {@code policy} allows. */
    public static Kryo newKryo(ClassLoader loader, ClassPolicy policy) {
        Kryo kryo = new Kryo(new PolicyClassResolver(policy), null);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // Register only the Closure marker: registering SerializedLambda needs extra opens (stack.md).
        // LambdaSerializer, not Kryo's ClosureSerializer: no java.lang.invoke opening, sees JShell's classes.
        kryo.register(ClosureSerializer.Closure.class, new LambdaSerializer());
        // double[]/long[]/int[] can be stored out-of-band in object segments (inline otherwise).
        OutOfBandArraySerializer.register(kryo);
        // Chunks of map jobs: the element class once per chunk, not once per item.
        kryo.register(ChunkList.class, new ChunkListSerializer());
        ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        if (cl != null) {
            kryo.setClassLoader(cl);
        }
        return kryo;
    }

    /**
     * Sets the policy of a Kryo made here for the reads that follow and names {@code place} (a file,
     * a worker) in refusals; returns the previous policy so a borrower can restore it.
     *
     * @throws IllegalArgumentException when {@code kryo} was not made by {@link #newKryo}
     */
    public static ClassPolicy policy(Kryo kryo, ClassPolicy policy, String place) {
        if (!(kryo.getClassResolver() instanceof PolicyClassResolver r)) {
            throw new IllegalArgumentException("kryo was not made by Kryos.newKryo: resolver="
                    + kryo.getClassResolver().getClass().getName());
        }
        return r.policy(policy, place);
    }

    /**
     * Allows {@code types} to be read from object segments and worker frames in this process
     * (by name, so a class of the same name from another loader is allowed too). Worker JVMs do
     * not see this call: use {@code SHMKIT_ALLOW_CLASSES} for them.
     */
    public static void allow(Class<?>... types) {
        AllowedClasses.add(Arrays.stream(types).map(Class::getName).toList());
    }

    /** Allows every class whose name starts with {@code packageName + "."} in this process. */
    public static void allowPackage(String packageName) {
        AllowedClasses.addPrefix(packageName + ".");
    }

    /** The process-wide pool of Kryo instances using the context class loader at creation. */
    public static Pool<Kryo> pool() {
        return POOL;
    }
}
