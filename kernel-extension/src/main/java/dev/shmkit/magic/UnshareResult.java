package dev.shmkit.magic;

import java.nio.file.Path;

/**
 * What {@link Notebook#unshare} did.
 *
 * @param name    entry name
 * @param removed false if the space had no such entry
 * @param space   directory of the space
 */
public record UnshareResult(String name, boolean removed, Path space) implements RichResult {
    @Override
    public String toHtml() {
        return "<div>" + Html.esc(toString()) + "</div>";
    }

    @Override
    public String toString() {
        return removed ? "removed '" + name + "' from space " + space + " (processes that mapped it keep their view)"
                : "nothing to remove: no entry '" + name + "' in space " + space + " (%space lists the entries)";
    }
}
