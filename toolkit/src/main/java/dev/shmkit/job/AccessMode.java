package dev.shmkit.job;

import java.util.Locale;

/**
 * How a table job's tasks reach the table: the three ways the first seed measured.
 * <ul>
 * <li>{@link #COPY}: the whole table travels with every task (what a pickling process pool does);</li>
 * <li>{@link #PROXY}: the task's view is a proxy, and every column read it makes is a request to the
 *     parent, which answers from the table it holds (Python's {@code multiprocessing.Manager});</li>
 * <li>{@link #SHARE}: the workers map the published table and read it in place (the default).</li>
 * </ul>
 */
public enum AccessMode {
    COPY, PROXY, SHARE;

    /** "copy", "proxy", "share": the name in job titles, {@code --modes} and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code text} (any case).
     *
     * @throws IllegalArgumentException naming the modes there are
     */
    public static AccessMode parse(String text) {
        for (AccessMode m : values()) {
            if (m.label().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("access mode='" + text + "' unknown; modes: copy, proxy, share");
    }
}
