package dev.shmkit.magic;

import java.util.Locale;
import java.util.function.Supplier;

/** {@code %%time}'s measurement, the same in shmkit's kernel, stock JJava and IJava. */
public final class CellTime {
    private CellTime() {
    }

    /** Runs {@code body}, prints {@code Wall time: 12.3 ms} (also when it throws) and returns its value. */
    public static Object timed(Supplier<Object> body) {
        long t0 = System.nanoTime();
        try {
            return body.get();
        } finally {
            System.out.println(String.format(Locale.ROOT, "Wall time: %.1f ms", (System.nanoTime() - t0) / 1e6));
        }
    }
}
