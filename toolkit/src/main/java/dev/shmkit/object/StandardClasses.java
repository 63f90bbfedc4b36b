package dev.shmkit.object;

import java.security.CodeSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/** The base allow-list of {@link ClassPolicy#standard()}; see there. */
final class StandardClasses {
    /** JDK classes outside collections that are plain values: safe to create from data. */
    private static final Set<String> JDK_VALUES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Void", "java.lang.Class", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.UUID", "java.util.BitSet", "java.util.Date", "java.util.Optional", "java.util.OptionalInt",
            "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.DoubleSummaryStatistics",
            "java.util.IntSummaryStatistics", "java.util.LongSummaryStatistics");
    /** Where shmkit's own classes come from (its jar or classes directory). */
    private static final CodeSource SHMKIT = StandardClasses.class.getProtectionDomain().getCodeSource();

    private StandardClasses() {
    }

    static boolean allows(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || isJdk(c) || isShmkit(c) || AllowedClasses.contains(c.getName());
    }

    private static boolean isJdk(Class<?> c) {
        if (c.getClassLoader() != null) {
            return false;
        }
        String name = c.getName();
        if (JDK_VALUES.contains(name) || name.startsWith("java.time.")) {
            return true;
        }
        String pkg = c.getPackageName();
        boolean util = pkg.equals("java.util") || pkg.equals("java.util.concurrent");
        if (util && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
                || Comparator.class.isAssignableFrom(c))) {
            return true;
        }
        return c.isEnum() && name.startsWith("java.");
    }

    private static boolean isShmkit(Class<?> c) {
        if (SHMKIT == null || !c.getName().startsWith("dev.shmkit.")) {
            return false;
        }
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs != null && SHMKIT.getLocation() != null && SHMKIT.getLocation().equals(cs.getLocation());
    }
}
