package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran, for Jupyter's {@code history_request} (JupyterLab sends one when it
 * connects and shows the kernel as "Unknown" until it is answered). In memory, this session only:
 * entries are {@code (SESSION, execution count, source)}. JJava 1.0-a6 serialises its own history reply's
 * entries as JSON objects where the protocol (and JupyterLab) wants {@code [session, line, input]}
 * arrays, so the kernel replies with {@link #reply} instead.
 */
final class CellHistory implements HistoryManager {
    /** Jupyter numbers sessions; this kernel keeps one, the current. */
    static final int SESSION = 1;
    /** Cells kept; older ones are dropped (a notebook re-run for days should not grow without bound). */
    static final int MAX_CELLS = 10_000;

    private final List<HistoryEntry> cells = new ArrayList<>();

    /** The reply to {@code request}: the matching cells as {@code [session, line, input]} arrays. */
    Reply reply(HistoryRequest request) {
        Set<ResultFlag> flags = request instanceof HistoryRequest.Search s && s.filterUnique()
                ? Set.of(ResultFlag.UNIQUE) : Set.of();
        List<HistoryEntry> found;
        if (request instanceof HistoryRequest.Tail t) {
            found = lookupTail(t.getMaxReturnLength(), flags);
        } else if (request instanceof HistoryRequest.Range r) {
            found = lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
        } else if (request instanceof HistoryRequest.Search s) {
            found = search(s.getPattern(), s.getMaxReturnLength(), flags);
        } else {
            found = List.of();
        }
        List<List<Object>> tuples = new ArrayList<>();
        for (HistoryEntry e : found) {
            tuples.add(List.of(e.getSession(), e.getCellNumber(), e.getInput()));
        }
        return new Reply(tuples);
    }

    /** A {@code history_reply} content as the protocol has it; Gson writes its fields. */
    static final class Reply implements ContentType<Reply> {
        @SuppressWarnings("unused")  // serialised
        private final String status = "ok";
        @SuppressWarnings("unused")  // serialised
        private final List<List<Object>> history;

        Reply(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<Reply> getType() {
            return (MessageType<Reply>) (MessageType<?>) MessageType.HISTORY_REPLY;  // only its name is used to send
        }
    }

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
