package dev.shmkit.magic;

import dev.shmkit.format.Units;
import dev.shmkit.memory.Bytes;
import dev.shmkit.segment.SweepReport;
import dev.shmkit.space.SpaceEntry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entries of a space, as {@code %space} shows them, each with the path of its current version
 * (what pyarrow, polars or DuckDB open; Python's {@code shmkit.open(name)} finds it by name).
 *
 * @param directory the space's directory
 * @param entries   its entries
 * @param sweep     what a sweep removed first, or null if none was asked for
 * @param spareBytes bytes of superseded versions nobody maps, kept with their pages for the next publish
 *                   ({@code shmkit.space.recycle}); 0 for none
 */
public record SpaceListing(Path directory, List<SpaceEntry> entries, SweepReport sweep, long spareBytes) implements RichResult {
    private static final List<String> HEADER = List.of("name", "kind", "version", "size", "rows", "columns",
            "publisher pid", "alive", "published", "path");

    private List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (SpaceEntry e : entries) {
            rows.add(List.of(e.name(), e.kind().toString().toLowerCase(Locale.ROOT), e.version(),
                    e.bytes() < 0 ? "?" : Bytes.human(e.bytes()), e.rows() >= 0 ? Units.count(e.rows()) : "",
                    e.columns() >= 0 ? Units.count(e.columns()) : "", e.publisherPid(), e.publisherAlive() ? "yes" : "no",
                    Units.localTime(e.created()), e.path()));
        }
        return rows;
    }

    private String headline() {
        return "space " + directory + ": " + Units.count(entries.size(), "entry") + spares();
    }

    /** What spare files hold, after the entry count; empty when none. */
    private String spares() {
        return spareBytes <= 0 ? "" : " (+ " + Bytes.human(spareBytes) + " of spare files kept for the next publish;"
                + " given back on remove, close or a full device; shmkit.space.recycle=false keeps none)";
    }

    @Override
    public String toHtml() {
        String head = "<div>space <code>" + Html.esc(directory) + "</code>: " + Html.esc(Units.count(entries.size(), "entry") + spares())
                + "</div>";
        String swept = sweep == null ? "" : "<pre>" + Html.esc(sweep) + "</pre>";
        return "<div class=\"shmkit-space\">" + head + swept + (entries.isEmpty() ? "" : Html.table(HEADER, rows())) + "</div>";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(headline()).append('\n');
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
