package dev.shmkit.magic;

/**
 * Implemented by a kernel that can keep a notebook variable declared: if its shell drops the
 * variable (a redefinition, a reset), the kernel runs the declaration again. The extension uses it
 * for {@code space} and {@code pool}; magic never names the kernel that implements it.
 */
public interface KeepsVariables {
    /** Keeps notebook variable {@code name} set by re-running {@code declaration} whenever it is dropped. */
    void keepVariable(String name, String declaration);
}
