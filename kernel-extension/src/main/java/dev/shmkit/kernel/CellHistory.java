package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran, for Jupyter's {@code history_request} (JupyterLab sends one when it
 * connects and shows the kernel as "Unknown" until it is answered). In memory, this session only:
 * entries are {@code (SESSION, execution count, source)}.
 */
final class CellHistory implements HistoryManager {
    /** Jupyter numbers sessions; this kernel keeps one, the current. */
    static final int SESSION = 1;
    /** Cells kept; older ones are dropped (a notebook re-run for days should not grow without bound). */
    static final int MAX_CELLS = 10_000;

    private final List<HistoryEntry> cells = new ArrayList<>();

    /** Records cell {@code number} with its source. */
    synchronized void add(int number, String source) {
        if (cells.size() == MAX_CELLS) {
            cells.remove(0);
        }
        cells.add(new HistoryEntry(SESSION, number, source, null));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int n, Set<ResultFlag> flags) {
        int from = Math.max(0, cells.size() - Math.max(0, n));
        return new ArrayList<>(cells.subList(from, cells.size()));
    }

    /** Cells {@code start <= number < stop} (stop <= 0: to the end); any session means this one. */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : cells) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Cells whose source matches the glob {@code pattern} ({@code *} and {@code ?}), newest last. */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int n, Set<ResultFlag> flags) {
        Pattern glob = Pattern.compile(("\\Q" + (pattern == null ? "*" : pattern) + "\\E")
                .replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.DOTALL);
        List<HistoryEntry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = cells.size() - 1; i >= 0 && (n <= 0 || out.size() < n); i--) {
            HistoryEntry e = cells.get(i);
            if (glob.matcher(e.getInput()).matches()
                    && (!flags.contains(ResultFlag.UNIQUE) || seen.add(e.getInput()))) {
                out.add(0, e);
            }
        }
        return out;
    }
}
