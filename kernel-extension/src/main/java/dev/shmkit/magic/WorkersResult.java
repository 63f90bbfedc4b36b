package dev.shmkit.magic;

import dev.shmkit.pool.WorkerInfo;

import java.util.List;
import java.util.Locale;

/**
 * The workers of a pool, as {@code %workers} shows them.
 *
 * @param workers one snapshot per live worker
 */
public record WorkersResult(List<WorkerInfo> workers) implements RichResult {
    @Override
    public String toHtml() {
        return "<div class=\"shmkit-card\"><div><b>" + workers.size() + "</b> worker" + (workers.size() == 1 ? "" : "s")
                + "</div>" + Html.table(List.of("id", "pid", "state", "tasks done"), workers.stream()
                .map(w -> List.<Object>of(w.id(), w.pid(), w.state().toString().toLowerCase(Locale.ROOT), w.tasksDone()))
                .toList()) + "</div>";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(workers.size() + " worker" + (workers.size() == 1 ? "" : "s") + "\n");
        b.append(String.format(Locale.ROOT, "%4s %8s %-9s %10s%n", "id", "pid", "state", "tasks done"));
        for (WorkerInfo w : workers) {
            b.append(String.format(Locale.ROOT, "%4d %8d %-9s %10d%n", w.id(), w.pid(),
                    w.state().toString().toLowerCase(Locale.ROOT), w.tasksDone()));
        }
        return b.toString().stripTrailing();
    }
}
