package dev.shmkit.magic;

import dev.shmkit.memory.Bytes;
import dev.shmkit.segment.SegmentMappings;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %space --who}: for each mapped segment, the processes that map it now with their resident
 * and proportional (PSS) bytes and the physical memory it costs in total; then each process with its
 * private memory, where copies show. Measured in the toolkit ({@link SegmentMappings}), rendered here.
 *
 * @param mappings what {@code space.mappings()} read from /proc
 */
public record WhoCard(SegmentMappings mappings) implements RichResult {
    private static final List<String> USES = List.of("pid", "process", "resident", "PSS");
    private static final List<String> HOLDERS = List.of("pid", "process", "segments", "resident", "PSS",
            "private (heap, copies)");

    @Override
    public String toHtml() {
        StringBuilder b = new StringBuilder("<div class=\"shmkit-who\"><div>who maps space <code>")
                .append(Html.esc(mappings.directory())).append("</code>: ").append(mappings.segments().size())
                .append(" segment(s), ").append(mappings.holders().size()).append(" process(es)</div>");
        for (SegmentMappings.Segment s : mappings.segments()) {
            b.append("<div><b>").append(Html.esc(s.name())).append("</b> v").append(s.version()).append(" (")
                    .append(Html.esc(s.state())).append(", file ")
                    .append(s.fileBytes() < 0 ? "unlinked" : Html.esc(Bytes.human(s.fileBytes()))).append("): ")
                    .append(s.uses().size()).append(" process(es), physical memory (PSS sum) <b>")
                    .append(Html.esc(Bytes.human(s.pssBytes()))).append("</b></div>");
            List<List<Object>> rows = new ArrayList<>();
            for (SegmentMappings.Use u : s.uses()) {
                rows.add(List.of(u.pid(), u.command(), Bytes.human(u.rssBytes()), Bytes.human(u.pssBytes())));
            }
            b.append(Html.table(USES, rows));
        }
        if (!mappings.holders().isEmpty()) {
            List<List<Object>> rows = new ArrayList<>();
            for (SegmentMappings.Holder h : mappings.holders()) {
                rows.add(List.of(h.pid(), h.command(), h.segments(), Bytes.human(h.rssBytes()), Bytes.human(h.pssBytes()),
                        h.anonymousBytes() < 0 ? "?" : Bytes.human(h.anonymousBytes())));
            }
            b.append("<div>processes</div>").append(Html.table(HOLDERS, rows));
        }
        return b.append("<div>total physical memory of mapped segments (PSS sum): <b>")
                .append(Html.esc(Bytes.human(mappings.pssBytes()))).append("</b></div></div>").toString();
    }

    @Override
    public String toString() {
        return mappings.toString().stripTrailing();
    }
}
