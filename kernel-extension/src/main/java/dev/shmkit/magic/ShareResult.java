package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;
import dev.shmkit.space.SpaceEntry;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Notebook#share} did: the entry written, how long writing took, and what copying the
 * value to every task of a {@value #TASKS}-task job would have moved instead.
 *
 * @param variable     notebook variable that was shared
 * @param entry        the space entry written (name, version, rows, columns, bytes ...)
 * @param publishNanos time to write the segment
 * @param space        directory of the space
 */
public record ShareResult(String variable, SpaceEntry entry, long publishNanos, Path space) implements RichResult {
    /** Job size used for the "copying instead" comparison: one copy per task is what a naive job ships. */
    public static final int TASKS = 100;

    /** Bytes a {@value #TASKS}-task job would move if each task got its own copy. */
    public long copyBytes() {
        return TASKS * entry.bytes();
    }

    /** Publish throughput in GB/s (10^9 bytes per second). */
    public double gbPerSecond() {
        return publishNanos == 0 ? 0 : entry.bytes() / (double) publishNanos;
    }

    private String shape() {
        return entry.rows() >= 0 ? Units.count(entry.rows(), "row") + " × " + Units.count(entry.columns(), "column")
                : entry.valueType();
    }

    @Override
    public String toHtml() {
        String title = "shared <code>" + Html.esc(variable) + "</code> as <b>" + Html.esc(entry.name()) + "</b> v"
                + entry.version();
        return "<div class=\"shmkit-card\"><div>" + title + "</div>" + Html.table(
                List.of("kind", "shape", "size", "publish", "speed", "copying to " + TASKS + " tasks instead"),
                List.of(List.of(entry.kind().toString().toLowerCase(Locale.ROOT), shape(), Bytes.human(entry.bytes()),
                        Units.duration(publishNanos) + " at " + Units.localTime(entry.created()),
                        String.format(Locale.ROOT, "%.2f GB/s", gbPerSecond()),
                        "would move " + Bytes.human(copyBytes()))))
                + "<div><small>file <code>" + Html.esc(entry.path()) + "</code>" + (entry.rows() < 0 ? ""
                : " (Python: <code>shmkit.open(\"" + Html.esc(entry.name()) + "\")</code>)") + "</small></div></div>";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "shared %s as '%s' v%d: %s, %s (%s bytes) in %s (%.2f GB/s) at %s; copying it to each task of a"
                        + " %d-task job would move %s instead; file %s",
                variable, entry.name(), entry.version(), shape(), Bytes.human(entry.bytes()), Units.count(entry.bytes()),
                Units.duration(publishNanos), gbPerSecond(), Units.localTime(entry.created()), TASKS,
                Bytes.human(copyBytes()), entry.path());
    }
}
