package dev.shmkit.kernel;

import java.util.List;

/**
 * A cell did not compile. The message lists each diagnostic as {@code line N: message}, with the
 * line counted from the top of the cell, followed by the offending source line.
 */
public class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> lines;

    /** Creates the exception from formatted diagnostic lines. */
    public CompileException(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    /** The diagnostic lines, one per entry, as the notebook shows them. */
    public List<String> lines() {
        return lines;
    }
}
