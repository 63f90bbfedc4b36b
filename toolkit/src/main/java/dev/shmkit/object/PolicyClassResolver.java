package dev.shmkit.object;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Kryo's class resolver with a {@link ClassPolicy}: a class named in the data is loaded without
 * initialisation and checked before Kryo registers or instantiates it. Registered classes (by id)
 * were chosen by shmkit and are not checked. The policy can change between reads of one pooled Kryo;
 * loaded classes are cached but checked on every new graph.
 */
final class PolicyClassResolver extends DefaultClassResolver {
    private final Map<String, Class<?>> loaded = new HashMap<>();
    private ClassPolicy policy;
    private String where = "Kryo data";

    PolicyClassResolver(ClassPolicy policy) {
        this.policy = policy;
    }

    /** Sets the policy and the place named in refusals (a segment file, a worker); returns the old policy. */
    ClassPolicy policy(ClassPolicy next, String place) {
        ClassPolicy old = policy;
        policy = next;
        where = place;
        return old;
    }

    @Override
    protected Class<?> getTypeByName(String className) {
        Class<?> type = loaded.get(className);
        if (type == null) {
            type = load(className);
            loaded.put(className, type);
        }
        if (!policy.allows(type)) {
            throw new ClassNotAllowedException(className, where);
        }
        return type;
    }

    private Class<?> load(String className) {
        try {
            return Class.forName(className, false, kryo.getClassLoader());
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(className, false, Kryo.class.getClassLoader());
            } catch (ClassNotFoundException e2) {
                throw new KryoException("Unable to find class: " + className, e);
            }
        }
    }
}
