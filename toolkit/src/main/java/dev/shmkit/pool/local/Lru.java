package dev.shmkit.pool.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps the {@code max} entries used last (the job set-up caches of both ends of the channel). */
final class Lru {
    private Lru() {
    }

    static <K, V> Map<K, V> of(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
