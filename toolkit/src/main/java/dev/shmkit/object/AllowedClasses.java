package dev.shmkit.object;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide registry behind {@link Kryos#allow}: class names and package prefixes
 * ({@code com.acme.*}), seeded once from {@value #PROPERTY} / {@value #ENV} so that worker JVMs,
 * which inherit the environment, allow the same classes as the notebook that started them.
 */
final class AllowedClasses {
    /** System property: comma-separated class names or {@code package.*} prefixes. */
    static final String PROPERTY = "shmkit.allowClasses";
    /** Environment variable with the same syntax; worker JVMs inherit it. */
    static final String ENV = "SHMKIT_ALLOW_CLASSES";

    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
    private static final Set<String> PREFIXES = ConcurrentHashMap.newKeySet();

    static {
        addSpec(System.getenv(ENV));
        addSpec(System.getProperty(PROPERTY));
    }

    private AllowedClasses() {
    }

    static void addSpec(String spec) {
        if (spec == null) {
            return;
        }
        for (String s : spec.split(",")) {
            String t = s.strip();
            if (t.endsWith(".*")) {
                addPrefix(t.substring(0, t.length() - 1));
            } else if (!t.isEmpty()) {
                NAMES.add(t);
            }
        }
    }

    static void addPrefix(String prefix) {
        PREFIXES.add(prefix);
    }

    static void add(List<String> names) {
        NAMES.addAll(names);
    }

    static boolean contains(String className) {
        if (NAMES.contains(className)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
