package dev.shmkit.magic;

import dev.shmkit.memory.Bytes;
import dev.shmkit.space.SpaceEntry;
import dev.shmkit.segment.SweepReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entries of a space, as {@code %space} shows them.
 *
 * @param directory the space's directory
 * @param entries   its entries
 * @param sweep     what a sweep removed first, or null if none was asked for
 */
public record SpaceListing(Path directory, List<SpaceEntry> entries, SweepReport sweep) implements RichResult {
    private static final List<String> HEADER = List.of("name", "kind", "version", "size", "rows", "columns",
            "publisher pid", "alive");

    private List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (SpaceEntry e : entries) {
            rows.add(List.of(e.name(), e.kind().toString().toLowerCase(Locale.ROOT), e.version(), Bytes.human(e.bytes()),
                    e.rows() >= 0 ? e.rows() : "", e.columns() >= 0 ? e.columns() : "", e.publisherPid(),
                    e.publisherAlive() ? "yes" : "no"));
        }
        return rows;
    }

    @Override
    public String toHtml() {
        String head = "<div>space <code>" + Html.esc(directory) + "</code>: " + entries.size() + " entries</div>";
        String swept = sweep == null ? "" : "<pre>" + Html.esc(sweep) + "</pre>";
        return "<div class=\"shmkit-space\">" + head + swept + (entries.isEmpty() ? "" : Html.table(HEADER, rows())) + "</div>";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("space " + directory + ": " + entries.size() + " entries\n");
        if (sweep != null) {
            b.append(sweep).append('\n');
        }
        if (!entries.isEmpty()) {
            b.append(String.join("\t", HEADER)).append('\n');
            for (List<Object> r : rows()) {
                b.append(String.join("\t", r.stream().map(String::valueOf).toList())).append('\n');
            }
        }
        return b.toString().stripTrailing();
    }
}
