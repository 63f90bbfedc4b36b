package dev.shmkit.magic;

/** A result the notebook shows as HTML, with {@link Object#toString()} as its plain-text twin. */
public interface RichResult {
    /** An HTML fragment (no scripts). */
    String toHtml();
}
