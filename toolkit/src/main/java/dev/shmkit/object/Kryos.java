package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The one place shmkit configures Kryo. Kryo instances are not thread-safe, so callers borrow
 * one from {@link #pool()} and return it.
 *
 * <p>Policy: registration is not required (notebook users store their own classes; the space
 * directory is private to its user, mode 0700), references are tracked (object graphs with
 * sharing and cycles survive), classes without a no-arg constructor are created through
 * Objenesis, and Serializable lambdas go through {@link ClosureSerializer}.
 */
public final class Kryos {
    private static final Pool<Kryo> POOL = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            return newKryo(null);
        }
    };

    private Kryos() {
    }

    /** A fresh, configured Kryo. {@code loader} may be null for the thread's context loader. */
    public static Kryo newKryo(ClassLoader loader) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // Register only the Closure marker: registering SerializedLambda needs extra opens (stack.md).
        kryo.register(ClosureSerializer.Closure.class, new ClosureSerializer());
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

    /** The process-wide pool of Kryo instances using the context class loader at creation. */
    public static Pool<Kryo> pool() {
        return POOL;
    }
}
